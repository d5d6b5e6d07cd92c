import {
  MAX_COUNT,
  ROOM_ID_PATTERN,
  isPlatform,
  type TelemetryUpdateData,
} from '@roompulse/contracts';

const KEYS = ['room_id', 'platform', 'tokens_count', 'tips_count', 'viewers_count', 'timestamp'];

function isCount(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_COUNT;
}

/**
 * The service worker's check of what a content script hands it: exactly the fields of a
 * `TelemetryUpdate`, within the contract's limits. (The backend validates again.)
 */
export function isTelemetryUpdate(value: unknown): value is TelemetryUpdateData {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  return (
    keys.length === KEYS.length &&
    KEYS.every((k) => keys.includes(k)) &&
    typeof record['room_id'] === 'string' &&
    ROOM_ID_PATTERN.test(record['room_id']) &&
    isPlatform(record['platform']) &&
    isCount(record['tokens_count']) &&
    isCount(record['tips_count']) &&
    isCount(record['viewers_count']) &&
    Number.isInteger(record['timestamp']) &&
    (record['timestamp'] as number) >= 0
  );
}
