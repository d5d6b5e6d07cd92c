import { io, type Socket } from 'socket.io-client';
import {
  DASHBOARD_NAMESPACE,
  SOCKET_PATH,
  type ClientToServerEvents,
  type RealtimeEvent,
  type ServerToClientEvents,
  type TelemetryUpdateData,
} from '@roompulse/contracts';

/** The wire form of an update as the dashboard stream carries it, back in `TelemetryUpdate` form. */
export function asUpdate(event: RealtimeEvent): TelemetryUpdateData {
  return {
    room_id: event.room_id,
    platform: event.data.platform,
    tokens_count: event.data.tokens,
    tips_count: event.data.tips,
    viewers_count: event.data.viewers,
    timestamp: event.data.timestamp,
  };
}

/** One update as a comparable string (chrome.storage hands objects back with their keys sorted). */
export function updateKey(u: TelemetryUpdateData): string {
  return [u.platform, u.room_id, u.tokens_count, u.tips_count, u.viewers_count, u.timestamp].join(
    '|',
  );
}

/** The items of `expected` found in `actual` in the same order (all of them when none is lost). */
export function foundInOrder(
  expected: readonly TelemetryUpdateData[],
  actual: readonly TelemetryUpdateData[],
): TelemetryUpdateData[] {
  const keys = actual.map(updateKey);
  const found: TelemetryUpdateData[] = [];
  let from = 0;
  for (const item of expected) {
    const at = keys.indexOf(updateKey(item), from);
    if (at === -1) continue;
    found.push(item);
    from = at + 1;
  }
  return found;
}

/**
 * A dashboard-stream client (real socket.io-client, viewer token) that records every update and
 * reconnects on its own, as the dashboard does; across a backend restart socket.io replays what
 * it missed from the Redis stream.
 */
export class LiveFeed {
  readonly updates: RealtimeEvent[] = [];
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  constructor(url: string, token: string) {
    this.socket = io(`${url}${DASHBOARD_NAMESPACE}`, {
      path: SOCKET_PATH,
      auth: { token },
      forceNew: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: 1_000,
    });
    this.socket.on('TELEMETRY_UPDATE', (event) => this.updates.push(event));
    this.socket.on('TELEMETRY_BATCH', (events) => this.updates.push(...events));
  }

  /** Resolves once connected (the first time); rejects after `timeoutMs`. */
  connected(timeoutMs: number): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the live feed did not connect within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The updates received after the first `count`, in `TelemetryUpdate` form. */
  updatesSince(count: number): TelemetryUpdateData[] {
    return this.updates.slice(count).map(asUpdate);
  }

  close(): void {
    this.socket.close();
  }
}
