import type { Platform } from './platform';
import type { RealtimeEvent, Snapshot } from './realtime-event';

/** socket.io path and namespace of the dashboard stream (the seed's `ws://host:3000/ws/dashboard`). */
export const SOCKET_PATH = '/ws';
export const DASHBOARD_NAMESPACE = '/dashboard';

/** Message of the `connect_error` a client gets when its token is refused at the handshake. */
export const UNAUTHORIZED = 'unauthorized';

/**
 * A dashboard's narrowing of the stream. Empty or absent lists mean "everything"; when both lists are
 * given a room must match both. A room is `room_id` (that id on every platform) or `platform:room_id`.
 * At most 500 entries per list. After widening, ask for a `snapshot` to fill in newly included rooms.
 */
export interface SubscriptionFilter {
  platforms?: Platform[];
  rooms?: string[];
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };

export const SESSION_ENDED = 'SESSION_ENDED' as const;
export const TELEMETRY_BATCH = 'TELEMETRY_BATCH' as const;

/** Why the server closed a session, sent just before it disconnects the socket. */
export interface SessionEnded {
  reason: 'session_expired' | 'rate_limited';
  message: string;
}

export interface ServerToClientEvents {
  SNAPSHOT: (snapshot: Snapshot) => void;
  TELEMETRY_UPDATE: (event: RealtimeEvent) => void;
  /** Several updates coalesced into one frame; newest figures per room. Same meaning as N TELEMETRY_UPDATEs. */
  TELEMETRY_BATCH: (events: RealtimeEvent[]) => void;
  SESSION_ENDED: (info: SessionEnded) => void;
}

export interface ClientToServerEvents {
  subscribe: (filter: SubscriptionFilter, ack: (result: Ack<SubscriptionFilter>) => void) => void;
  snapshot: (ack: (result: Ack<Snapshot>) => void) => void;
}
