import { Inject, Injectable } from '@nestjs/common';
import type { Snapshot, StoredTelemetry, SubscriptionFilter } from '@roompulse/contracts';
import { TELEMETRY_STORE, type TelemetryStore } from '../tracking/telemetry.store';
import { filterMatcher } from './subscription';

@Injectable()
export class SnapshotService {
  /** The store read in flight, and the one queued behind it (see {@link readRooms}). */
  private current: Promise<StoredTelemetry[]> | null = null;
  private next: Promise<StoredTelemetry[]> | null = null;

  constructor(@Inject(TELEMETRY_STORE) private readonly store: TelemetryStore) {}

  /**
   * Every live room's latest figures that the filter lets through, ordered by platform then room id.
   * The store is read after this call began, so a socket that joined its rooms before asking misses
   * nothing; `filter` is read once the store has answered, so a `subscribe` that raced the read
   * still applies. Rejects with `StoreUnavailableError` when the store cannot be reached.
   */
  async build(filter: () => SubscriptionFilter): Promise<Snapshot> {
    const rooms = await this.readRooms();
    const matches = filterMatcher(filter());
    return { rooms: rooms.filter(matches), server_time: Date.now() };
  }

  /**
   * All live rooms, sorted. Reads that start while one is in flight share one read, started as
   * soon as the current one ends (it began too early for them): when a thousand dashboards
   * connect at once (a backend restart), the store is read a handful of times, not a thousand.
   */
  private readRooms(): Promise<StoredTelemetry[]> {
    if (!this.current) {
      const read = this.store.list().then(sortRooms);
      this.current = read;
      const clear = () => {
        if (this.current === read) this.current = null;
      };
      read.then(clear, clear);
      return read;
    }
    this.next ??= this.current
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.readRooms();
      });
    return this.next;
  }
}

function sortRooms(rooms: StoredTelemetry[]): StoredTelemetry[] {
  return rooms.sort(
    (a, b) => a.platform.localeCompare(b.platform) || a.room_id.localeCompare(b.room_id),
  );
}
