import {
  MAX_CLOCK_SKEW_SECONDS,
  MAX_COUNT,
  PLATFORMS,
  ROOM_ID_PATTERN,
  timestampWindowError,
  type FieldError,
  type Platform,
  type TelemetryUpdateData,
} from '@roompulse/contracts';

export type Check = { ok: true; update: TelemetryUpdateData } | { ok: false; errors: FieldError[] };

const FIELDS = new Set([
  'room_id',
  'platform',
  'tokens_count',
  'tips_count',
  'viewers_count',
  'timestamp',
]);
const COUNTS = ['tokens_count', 'tips_count', 'viewers_count'] as const;

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

/**
 * The reference server's item check: the contract's rules (unknown fields refused, `room_id`
 * pattern, platform list, integer counts 0–1e9, integer timestamp) plus the configured time window,
 * as the backend applies them, written out by hand.
 */
export function checkUpdate(input: unknown, nowSeconds: number, ttlSeconds: number): Check {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '(item)', reason: 'must be a JSON object' }] };
  }
  const item = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(item)) {
    if (!FIELDS.has(key)) errors.push({ field: key, reason: `property ${key} should not exist` });
  }
  const roomId = item['room_id'];
  if (typeof roomId !== 'string' || !ROOM_ID_PATTERN.test(roomId)) {
    errors.push({
      field: 'room_id',
      reason: 'room_id must be 1-64 characters of A-Z, a-z, 0-9, _ . -',
    });
  }
  if (!(PLATFORMS as readonly unknown[]).includes(item['platform'])) {
    errors.push({ field: 'platform', reason: `platform must be one of: ${PLATFORMS.join(', ')}` });
  }
  for (const field of COUNTS) {
    if (!isCount(item[field], MAX_COUNT)) {
      errors.push({ field, reason: `${field} must be an integer from 0 to ${MAX_COUNT}` });
    }
  }
  const timestamp = item['timestamp'];
  if (!isCount(timestamp, Number.MAX_SAFE_INTEGER)) {
    errors.push({ field: 'timestamp', reason: 'timestamp must be an integer not less than 0' });
  } else if (errors.length === 0) {
    const window = timestampWindowError(timestamp, nowSeconds, ttlSeconds, MAX_CLOCK_SKEW_SECONDS);
    if (window) errors.push({ field: 'timestamp', reason: window });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    update: {
      room_id: roomId as string,
      platform: item['platform'] as Platform,
      tokens_count: item['tokens_count'] as number,
      tips_count: item['tips_count'] as number,
      viewers_count: item['viewers_count'] as number,
      timestamp: timestamp as number,
    },
  };
}
