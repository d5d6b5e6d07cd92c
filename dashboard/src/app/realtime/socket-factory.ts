import { InjectionToken } from '@angular/core';
import {
  DASHBOARD_NAMESPACE,
  SOCKET_PATH,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@roompulse/contracts';
import { io, type Socket } from 'socket.io-client';

export type DashboardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Opens the dashboard stream with a bearer token. Replaced in tests by a fake socket. */
export type DashboardSocketFactory = (token: string) => DashboardSocket;

/**
 * Same origin as the page (the backend serves the dashboard in production; `nx serve` proxies
 * `/ws`), so only the namespace and path are given. The token travels in the handshake's `auth`
 * payload, never in the query string.
 */
export const DASHBOARD_SOCKET_FACTORY = new InjectionToken<DashboardSocketFactory>(
  'DASHBOARD_SOCKET_FACTORY',
  {
    providedIn: 'root',
    factory: () => (token) => io(DASHBOARD_NAMESPACE, { path: SOCKET_PATH, auth: { token } }),
  },
);

/** How long the socket may stay `connecting`/`reconnecting` before the indicator says `offline`. */
export const OFFLINE_GRACE_MS = new InjectionToken<number>('OFFLINE_GRACE_MS', {
  providedIn: 'root',
  factory: () => 15_000,
});
