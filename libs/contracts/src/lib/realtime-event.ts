import type { Platform } from './platform';
import type { StoredTelemetry } from './telemetry-batch.dto';

export const TELEMETRY_UPDATE = 'TELEMETRY_UPDATE' as const;
export const SNAPSHOT = 'SNAPSHOT' as const;

/** The figures of one room as dashboards see them (counts renamed without the `_count` suffix). */
export interface RealtimeEventData {
  platform: Platform;
  tokens: number;
  tips: number;
  viewers: number;
  /** When the figures were read, Unix seconds. */
  timestamp: number;
}

/**
 * One accepted telemetry update, as pushed to dashboards.
 * `timestamp` is when the server published it, Unix seconds; `data.timestamp` is when it was read.
 */
export interface RealtimeEvent {
  event_type: typeof TELEMETRY_UPDATE;
  room_id: string;
  data: RealtimeEventData;
  timestamp: number;
}

/** Every live room's latest figures, sent on connect and on request. `server_time` in Unix ms. */
export interface Snapshot {
  rooms: StoredTelemetry[];
  server_time: number;
}

export function toRealtimeEvent(
  update: StoredTelemetry,
  publishedAtSeconds: number,
): RealtimeEvent {
  return {
    event_type: TELEMETRY_UPDATE,
    room_id: update.room_id,
    data: {
      platform: update.platform,
      tokens: update.tokens_count,
      tips: update.tips_count,
      viewers: update.viewers_count,
      timestamp: update.timestamp,
    },
    timestamp: publishedAtSeconds,
  };
}
