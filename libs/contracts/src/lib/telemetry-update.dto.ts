import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { MAX_COUNT, ROOM_ID_PATTERN } from './limits';
import { PLATFORMS, type Platform } from './platform';

/**
 * What the extension POSTs for one room: its latest figures as read from the page.
 *
 * Figures are absolute counters, not deltas, so a lost or repeated update never skews a total:
 * the newest `timestamp` wins per room, and an older one is answered `stale` and not applied.
 * The time window of `timestamp` depends on server configuration, so it is checked by
 * {@link timestampWindowError} rather than by a decorator here.
 */
export class TelemetryUpdate {
  @IsString()
  @Matches(ROOM_ID_PATTERN, { message: 'room_id must be 1-64 characters of A-Z, a-z, 0-9, _ . -' })
  room_id!: string;

  @IsIn(PLATFORMS, { message: `platform must be one of: ${PLATFORMS.join(', ')}` })
  platform!: Platform;

  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  tokens_count!: number;

  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  tips_count!: number;

  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  viewers_count!: number;

  /** When the figures were read, in Unix seconds (not milliseconds). */
  @IsInt()
  @Min(0)
  timestamp!: number;
}

/** Plain-object view of {@link TelemetryUpdate}, for code that does not need the class. */
export type TelemetryUpdateData = Pick<
  TelemetryUpdate,
  'room_id' | 'platform' | 'tokens_count' | 'tips_count' | 'viewers_count' | 'timestamp'
>;

/**
 * Why a timestamp (Unix seconds) is outside the accepted window, or null when it is inside:
 * at most `maxSkewSeconds` ahead of `nowSeconds`, and not older than `ttlSeconds`
 * (such figures would already have expired from the store).
 */
export function timestampWindowError(
  timestamp: number,
  nowSeconds: number,
  ttlSeconds: number,
  maxSkewSeconds = 300,
): string | null {
  if (timestamp > nowSeconds + maxSkewSeconds) {
    return `timestamp must not be more than ${maxSkewSeconds} s in the future`;
  }
  if (timestamp < nowSeconds - ttlSeconds) {
    return `timestamp must not be older than ${ttlSeconds} s`;
  }
  return null;
}
