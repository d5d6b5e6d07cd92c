import { DOCUMENT, InjectionToken, inject } from '@angular/core';
import { ROLES, type LoginResponse, type Role, type UserView } from '@roompulse/contracts';

/** What the dashboard keeps in sessionStorage: gone when the tab closes, never in localStorage. */
export interface StoredSession {
  access_token: string;
  /** Unix ms. */
  expires_at: number;
  user: UserView;
}

/** Versioned so that a change of shape never reads an old entry as the new one. */
export const SESSION_STORAGE_KEY = 'roompulse.session.v1';

/** The tab's sessionStorage, or null where the browser refuses it (privacy modes). */
export const SESSION_STORAGE = new InjectionToken<Storage | null>('SESSION_STORAGE', {
  providedIn: 'root',
  factory: () => {
    try {
      return inject(DOCUMENT).defaultView?.sessionStorage ?? null;
    } catch {
      return null;
    }
  },
});

/**
 * When a token stops being valid, in Unix ms: the JWT's own `exp` claim when it can be read,
 * otherwise `expires_in` (seconds) counted from `nowMs`.
 */
export function tokenExpiresAt(token: string, expiresInSeconds: number, nowMs: number): number {
  const exp = readExpClaim(token);
  return exp !== null ? exp * 1000 : nowMs + expiresInSeconds * 1000;
}

export function sessionFromLogin(response: LoginResponse, nowMs: number): StoredSession {
  return {
    access_token: response.access_token,
    expires_at: tokenExpiresAt(response.access_token, response.expires_in, nowMs),
    user: response.user,
  };
}

/** A stored entry, or null when it is missing, malformed or of another shape. */
export function parseStoredSession(raw: string | null): StoredSession | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (!isRecord(value) || !isRecord(value['user'])) return null;
    const { access_token, expires_at } = value;
    const { username, role } = value['user'];
    if (typeof access_token !== 'string' || typeof expires_at !== 'number') return null;
    if (typeof username !== 'string' || !isRole(role)) return null;
    return { access_token, expires_at, user: { username, role } };
  } catch {
    return null;
  }
}

function readExpClaim(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims: unknown = JSON.parse(json);
    return isRecord(claims) && typeof claims['exp'] === 'number' ? claims['exp'] : null;
  } catch {
    return null;
  }
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
