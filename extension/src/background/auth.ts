import type { LoginRequest, LoginResponse, Role } from '@roompulse/contracts';
import type { AuthSession, ExtensionStorage } from '../shared/storage';
import { STORAGE_KEYS } from '../shared/storage';
import { errorMessage, jsonOrUndefined, postJson, type FetchLike } from './http';

export const LOGIN_PATH = '/api/auth/login';

/** Roles allowed to send telemetry. */
export const SENDING_ROLES: readonly Role[] = ['ingest', 'admin'];

export type SignInResult = { ok: true; session: AuthSession } | { ok: false; error: string };

/**
 * `POST {backend}/api/auth/login`. The password is used for this one request and not kept;
 * the result holds the token, when it expires (Unix ms) and who it belongs to.
 */
export async function signIn(
  fetch: FetchLike,
  backendUrl: string,
  credentials: LoginRequest,
  now: number,
): Promise<SignInResult> {
  let response;
  try {
    response = await postJson(fetch, `${backendUrl}${LOGIN_PATH}`, credentials);
  } catch (error) {
    return { ok: false, error: `Backend unreachable (${describe(error)})` };
  }
  const body = await jsonOrUndefined(response);
  if (response.status === 401) return { ok: false, error: 'Wrong username or password' };
  if (response.status < 200 || response.status > 299) {
    return { ok: false, error: `Sign-in failed: ${errorMessage(body, response.status)}` };
  }
  if (!isLoginResponse(body))
    return { ok: false, error: 'Sign-in failed: unexpected answer from the backend' };
  if (!SENDING_ROLES.includes(body.user.role)) {
    return {
      ok: false,
      error: `${body.user.username} has the role "${body.user.role}"; the extension needs an ingest (or admin) account`,
    };
  }
  return {
    ok: true,
    session: { token: body.access_token, expiresAt: now + body.expires_in * 1000, user: body.user },
  };
}

function isLoginResponse(body: unknown): body is LoginResponse {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  const user = b['user'] as Record<string, unknown> | undefined;
  return (
    typeof b['access_token'] === 'string' &&
    b['access_token'].length > 0 &&
    typeof b['expires_in'] === 'number' &&
    b['expires_in'] > 0 &&
    typeof user === 'object' &&
    user !== null &&
    typeof user['username'] === 'string' &&
    typeof user['role'] === 'string'
  );
}

export type Credentials =
  | { ok: true; backendUrl: string; token: string }
  | { ok: false; reason: 'no-backend' | 'signed-out' | 'expired' };

/** What the outbox needs to send: the backend URL and a token that has not expired. */
export function storedCredentials(
  storage: ExtensionStorage,
  now: () => number,
): () => Promise<Credentials> {
  return async () => {
    const settings = await storage.local.read(STORAGE_KEYS.settings);
    if (!settings?.backendUrl) return { ok: false, reason: 'no-backend' };
    const auth = await storage.local.read(STORAGE_KEYS.auth);
    if (!auth) return { ok: false, reason: 'signed-out' };
    if (auth.expiresAt <= now()) return { ok: false, reason: 'expired' };
    return { ok: true, backendUrl: settings.backendUrl, token: auth.token };
  };
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
