import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { LoginResponse } from '@roompulse/contracts';
import { MemoryStorage } from '../../testing/fakes';
import { adminGuard, authGuard } from './auth.guard';
import { authInterceptor } from './auth.interceptor';
import {
  AuthService,
  IngestOnlyAccountError,
  LOGIN_URL,
  SESSION_EXPIRED_MESSAGE,
  SIGNED_OUT_MESSAGE,
} from './auth.service';
import { SESSION_STORAGE, SESSION_STORAGE_KEY } from './session';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

const NOW = 1_760_000_000_000;

function loginResponse(
  role: LoginResponse['user']['role'] = 'viewer',
  expiresIn = 3600,
): LoginResponse {
  return {
    access_token: 'opaque-token',
    token_type: 'Bearer',
    expires_in: expiresIn,
    user: { username: 'ops', role },
  };
}

describe(AuthService.name, () => {
  let storage: MemoryStorage;
  let http: HttpTestingController;

  function setUp(): AuthService {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: Blank },
          { path: '', component: Blank, canActivate: [authGuard] },
          { path: 'roster', component: Blank, canActivate: [authGuard, adminGuard] },
        ]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: SESSION_STORAGE, useValue: storage },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    return TestBed.inject(AuthService);
  }

  function signIn(auth: AuthService, response = loginResponse()): void {
    auth.login('ops', 'secret-password').subscribe();
    http.expectOne(LOGIN_URL).flush(response);
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    storage = new MemoryStorage();
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('signs in, keeps the token in sessionStorage and restores it in a new instance', () => {
    const auth = setUp();
    signIn(auth);

    expect(auth.token()).toBe('opaque-token');
    expect(auth.isAuthenticated()).toBe(true);
    expect(JSON.parse(storage.getItem(SESSION_STORAGE_KEY) ?? '{}')).toEqual({
      access_token: 'opaque-token',
      expires_at: NOW + 3_600_000,
      user: { username: 'ops', role: 'viewer' },
    });

    TestBed.resetTestingModule();
    const restored = setUp();
    expect(restored.user()).toEqual({ username: 'ops', role: 'viewer' });
  });

  it('refuses an ingest-only account', () => {
    const auth = setUp();
    let error: unknown;
    auth.login('extension', 'secret-password').subscribe({ error: (e: unknown) => (error = e) });
    http.expectOne(LOGIN_URL).flush(loginResponse('ingest'));

    expect(error).toBeInstanceOf(IngestOnlyAccountError);
    expect(auth.token()).toBeNull();
  });

  it('drops an expired stored session and says why', () => {
    storage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({
        access_token: 'old',
        expires_at: NOW - 1,
        user: { username: 'ops', role: 'viewer' },
      }),
    );
    const auth = setUp();

    expect(auth.token()).toBeNull();
    expect(auth.notice()).toBe(SESSION_EXPIRED_MESSAGE);
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('ends the session when the token expires, sending the user to /login with a message', async () => {
    const auth = setUp();
    const router = TestBed.inject(Router);
    signIn(auth, loginResponse('viewer', 60));
    await router.navigateByUrl('/');

    await jest.advanceTimersByTimeAsync(60_000);

    expect(auth.token()).toBeNull();
    expect(auth.notice()).toBe(SESSION_EXPIRED_MESSAGE);
    expect(router.url).toBe('/login?returnUrl=%2F');
  });

  it('logs out to /login with a notice', async () => {
    const auth = setUp();
    const router = TestBed.inject(Router);
    signIn(auth);
    auth.logout();
    await jest.advanceTimersByTimeAsync(0);

    expect(auth.token()).toBeNull();
    expect(auth.notice()).toBe(SIGNED_OUT_MESSAGE);
    expect(router.url).toBe('/login');
  });

  describe('interceptor', () => {
    it('adds the bearer token to API calls only, never to the login call or another origin', () => {
      const auth = setUp();
      const client = TestBed.inject(HttpClient);
      signIn(auth);

      client.get('/api/roster').subscribe();
      client.get('https://example.com/api/x').subscribe();
      client.post(LOGIN_URL, {}).subscribe({ error: () => undefined });

      expect(http.expectOne('/api/roster').request.headers.get('Authorization')).toBe(
        'Bearer opaque-token',
      );
      expect(http.expectOne('https://example.com/api/x').request.headers.has('Authorization')).toBe(
        false,
      );
      expect(http.expectOne(LOGIN_URL).request.headers.has('Authorization')).toBe(false);
    });

    it('ends the session on a 401 from the API and comes back to the page after signing in', async () => {
      const auth = setUp();
      const router = TestBed.inject(Router);
      const client = TestBed.inject(HttpClient);
      signIn(auth, loginResponse('admin'));
      await router.navigateByUrl('/roster');

      client.get('/api/roster').subscribe({ error: () => undefined });
      http
        .expectOne('/api/roster')
        .flush(
          { statusCode: 401, message: 'expired', error: 'Unauthorized' },
          { status: 401, statusText: 'Unauthorized' },
        );
      await jest.advanceTimersByTimeAsync(0);

      expect(auth.token()).toBeNull();
      expect(auth.notice()).toBe(SESSION_EXPIRED_MESSAGE);
      expect(router.url).toBe('/login?returnUrl=%2Froster');
    });

    it('leaves a 401 from the login call to the form', () => {
      const auth = setUp();
      let status = 0;
      auth
        .login('ops', 'wrong')
        .subscribe({ error: (e: { status: number }) => (status = e.status) });
      http.expectOne(LOGIN_URL).flush({}, { status: 401, statusText: 'Unauthorized' });

      expect(status).toBe(401);
      expect(auth.notice()).toBeNull();
    });
  });

  describe('guards', () => {
    it('send a visitor without a session to /login with the return URL', async () => {
      setUp();
      const router = TestBed.inject(Router);
      await router.navigateByUrl('/roster');
      expect(router.url).toBe('/login?returnUrl=%2Froster');
    });

    it('send a viewer away from admin pages', async () => {
      const auth = setUp();
      const router = TestBed.inject(Router);
      signIn(auth, loginResponse('viewer'));
      await router.navigateByUrl('/roster');
      expect(router.url).toBe('/');
    });

    it('let an admin in', async () => {
      const auth = setUp();
      const router = TestBed.inject(Router);
      signIn(auth, loginResponse('admin'));
      await router.navigateByUrl('/roster');
      expect(router.url).toBe('/roster');
    });
  });
});
