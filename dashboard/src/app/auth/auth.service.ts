import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { LoginRequest, LoginResponse, MeResponse, UserView } from '@roompulse/contracts';
import { Observable, map } from 'rxjs';
import {
  SESSION_STORAGE,
  SESSION_STORAGE_KEY,
  parseStoredSession,
  sessionFromLogin,
  type StoredSession,
} from './session';

export const LOGIN_URL = '/api/auth/login';
export const ME_URL = '/api/auth/me';

export const SESSION_EXPIRED_MESSAGE = 'Your session has expired. Please sign in again.';
export const SIGNED_OUT_MESSAGE = 'You have signed out.';

/** Thrown by {@link AuthService.login} for an account that may only send telemetry. */
export class IngestOnlyAccountError extends Error {
  constructor() {
    super('This account can only send telemetry; use a viewer or admin account.');
  }
}

/**
 * The signed-in user and their bearer token, kept in sessionStorage for the tab's lifetime.
 *
 * A session ends on logout, when the token's expiry passes (a timer fires even if nothing else
 * happens), on any 401 from the API and when the realtime stream refuses the token. Every ending
 * goes to `/login` with a {@link notice} saying why, never to a blank page.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly storage = inject(SESSION_STORAGE);

  private readonly session = signal<StoredSession | null>(null);
  private readonly noticeState = signal<string | null>(null);
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  readonly user = computed<UserView | null>(() => this.session()?.user ?? null);
  readonly token = computed(() => this.session()?.access_token ?? null);
  readonly isAdmin = computed(() => this.user()?.role === 'admin');
  /** Why the user is on the login page (expired session, signed out), for the login page to show. */
  readonly notice = this.noticeState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.expiryTimer));
    this.restore();
  }

  /** A token is held and has not expired. */
  isAuthenticated(): boolean {
    const session = this.session();
    return session !== null && session.expires_at > Date.now();
  }

  login(username: string, password: string): Observable<UserView> {
    const body: LoginRequest = { username, password };
    return this.http.post<LoginResponse>(LOGIN_URL, body).pipe(
      map((response) => {
        if (response.user.role === 'ingest') throw new IngestOnlyAccountError();
        this.begin(sessionFromLogin(response, Date.now()));
        return response.user;
      }),
    );
  }

  /** Refreshes the user from `GET /api/auth/me`; a refused token ends the session (interceptor). */
  verify(): Observable<UserView> {
    return this.http.get<MeResponse>(ME_URL).pipe(
      map(({ username, role, expires_at }) => {
        const user: UserView = { username, role };
        const session = this.session();
        if (session) {
          this.persist({
            ...session,
            user,
            expires_at: expires_at === null ? session.expires_at : expires_at * 1000,
          });
        }
        return user;
      }),
    );
  }

  logout(): void {
    this.forget(SIGNED_OUT_MESSAGE);
    void this.router.navigate(['/login']);
  }

  /** Ends the session for a reason the user did not choose; they return here after signing in. */
  endSession(message: string = SESSION_EXPIRED_MESSAGE): void {
    if (this.session() === null && this.noticeState() !== null) return; // already ended
    this.forget(message);
    const current = this.router.url;
    const queryParams = current.startsWith('/login') ? {} : { returnUrl: current };
    void this.router.navigate(['/login'], { queryParams });
  }

  /** Drops the session and records why, without navigating (for guards, which redirect themselves). */
  forget(message: string): void {
    clearTimeout(this.expiryTimer);
    this.session.set(null);
    this.storage?.removeItem(SESSION_STORAGE_KEY);
    this.noticeState.set(message);
  }

  clearNotice(): void {
    this.noticeState.set(null);
  }

  private begin(session: StoredSession): void {
    this.noticeState.set(null);
    this.persist(session);
  }

  private persist(session: StoredSession): void {
    this.session.set(session);
    this.storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    this.scheduleExpiry(session.expires_at);
  }

  private restore(): void {
    const stored = parseStoredSession(this.storage?.getItem(SESSION_STORAGE_KEY) ?? null);
    if (stored === null) return;
    if (stored.expires_at <= Date.now()) {
      this.storage?.removeItem(SESSION_STORAGE_KEY);
      this.noticeState.set(SESSION_EXPIRED_MESSAGE);
      return;
    }
    this.session.set(stored);
    this.scheduleExpiry(stored.expires_at);
  }

  private scheduleExpiry(expiresAt: number): void {
    clearTimeout(this.expiryTimer);
    // setTimeout cannot wait longer than 2^31-1 ms; tokens living that long are checked on use.
    const delay = Math.min(expiresAt - Date.now(), 2_147_483_647);
    this.expiryTimer = setTimeout(
      () => this.endSession(SESSION_EXPIRED_MESSAGE),
      Math.max(delay, 0),
    );
  }
}
