import type { ExtendedError, Socket } from 'socket.io';
import { UNAUTHORIZED, type AccessTokenClaims, type Role } from '@roompulse/contracts';
import type { TokenService } from '../auth/token.service';
import type { DashboardNamespace, DashboardSocket, DashboardSocketData } from './dashboard-socket';

/** Roles that may open the dashboard stream; `ingest` tokens (the extension) may not. */
export const DASHBOARD_ROLES: readonly Role[] = ['admin', 'viewer'];

/** Far above any token this backend issues; longer strings are refused without verifying them. */
const MAX_TOKEN_LENGTH = 4096;

/**
 * The claims of the token a handshake carries, or null when it carries none or a bad one.
 * The token comes from `auth.token` (browsers) or else an `Authorization: Bearer` header
 * (non-browser clients); never from the query string, which ends up in access logs.
 * A present but unusable `auth.token` is not rescued by the header.
 */
export function handshakeClaims(
  handshake: Socket['handshake'],
  tokens: TokenService,
): AccessTokenClaims | null {
  const auth: unknown = handshake.auth;
  const token =
    typeof auth === 'object' && auth !== null
      ? (auth as Record<string, unknown>)['token']
      : undefined;
  if (token === undefined) return tokens.verifyBearer(handshake.headers.authorization);
  return typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH
    ? tokens.verify(token)
    : null;
}

/**
 * Namespace middleware: refuses a missing, malformed, expired or wrongly signed token, and roles
 * outside {@link DASHBOARD_ROLES}, with `connect_error` "unauthorized"; the refused socket never
 * joins a room, so it receives nothing. Runs again on every reconnection, recovered ones included.
 */
export function authenticateHandshake(tokens: TokenService) {
  return (socket: DashboardSocket, next: (error?: ExtendedError) => void): void => {
    const claims = handshakeClaims(socket.handshake, tokens);
    if (!claims || !DASHBOARD_ROLES.includes(claims.role)) return next(new Error(UNAUTHORIZED));
    socket.data.claims = claims;
    next();
  };
}

/**
 * socket.io writes a recovered session's missed packets as soon as it restores the session, before
 * the middlewares run. So a session whose token expired while it was disconnected is not restored:
 * the client then authenticates afresh (and gets a new SNAPSHOT) or is refused, and sees nothing.
 */
export function refuseExpiredSessions(
  namespace: DashboardNamespace,
  now: () => number = Date.now,
): void {
  const adapter = namespace.adapter;
  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset);
    const exp = (session?.data as Partial<DashboardSocketData> | undefined)?.claims?.exp;
    // socket.io treats a failed restore as "not recoverable", as the redis adapter's own refusals.
    if (session && exp !== undefined && exp * 1000 <= now())
      throw new Error('session token expired');
    return session;
  };
}
