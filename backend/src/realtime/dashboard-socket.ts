import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import type {
  AccessTokenClaims,
  ClientToServerEvents,
  ServerToClientEvents,
  SubscriptionFilter,
} from '@roompulse/contracts';

/**
 * What the server keeps about a dashboard connection. It travels with the connection-state
 * recovery session (msgpack-encoded in Redis), so it holds plain data only: no timers, no sockets.
 */
export interface DashboardSocketData {
  /** Claims of the token the socket last authenticated with (set by the handshake middleware). */
  claims: AccessTokenClaims;
  /** The socket's effective filter (see `subscription.ts`); `{}` for the whole stream. */
  filter: SubscriptionFilter;
}

export type DashboardNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  DefaultEventsMap,
  DashboardSocketData
>;
export type DashboardSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  DefaultEventsMap,
  DashboardSocketData
>;
