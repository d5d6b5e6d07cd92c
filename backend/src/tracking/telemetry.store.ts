import type {
  StoredTelemetry,
  TelemetryUpdateData,
  TelemetryWriteStatus,
} from '@roompulse/contracts';

/**
 * Latest figures per room (`room_id` + `platform`), each expiring `ttlSeconds` after its last write.
 *
 * Guarantees shared by every implementation (and checked by one behavioural suite):
 * - `write` is an atomic check-and-set: an update older (by `timestamp`) than the stored one is
 *   answered `stale` and changes nothing, so racing writers can never move a room backwards.
 *   An update with the same timestamp replaces the stored one (figures read within one second).
 * - Every accepted write refreshes the room's TTL.
 * - `writeMany` applies items in order, in one round trip where the store is remote.
 * Failures to reach the store reject with `StoreUnavailableError`.
 */
export interface TelemetryStore {
  readonly kind: 'redis' | 'memory';
  write(update: TelemetryUpdateData, receivedAt: number): Promise<TelemetryWriteStatus>;
  writeMany(updates: TelemetryUpdateData[], receivedAt: number): Promise<TelemetryWriteStatus[]>;
  read(roomId: string, platform: string): Promise<StoredTelemetry | null>;
  /** Every room whose figures have not expired, in no particular order. */
  list(): Promise<StoredTelemetry[]>;
  ping(): Promise<boolean>;
}

export const TELEMETRY_STORE = Symbol('TELEMETRY_STORE');

/** Member of the live-room index; `:` cannot occur in a room id or platform. */
export function roomKey(roomId: string, platform: string): string {
  return `${roomId}:${platform}`;
}
