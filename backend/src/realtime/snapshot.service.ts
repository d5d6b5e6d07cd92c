import { Inject, Injectable } from '@nestjs/common';
import type { Snapshot, SubscriptionFilter } from '@roompulse/contracts';
import { TELEMETRY_STORE, type TelemetryStore } from '../tracking/telemetry.store';
import { filterMatcher } from './subscription';

@Injectable()
export class SnapshotService {
  constructor(@Inject(TELEMETRY_STORE) private readonly store: TelemetryStore) {}

  /**
   * Every live room's latest figures that the filter lets through, ordered by platform then room id.
   * `filter` is read once the store has answered, so a `subscribe` that raced the read still applies.
   * Rejects with `StoreUnavailableError` when the store cannot be reached.
   */
  async build(filter: () => SubscriptionFilter): Promise<Snapshot> {
    const rooms = await this.store.list();
    const matches = filterMatcher(filter());
    return {
      rooms: rooms
        .filter(matches)
        .sort((a, b) => a.platform.localeCompare(b.platform) || a.room_id.localeCompare(b.room_id)),
      server_time: Date.now(),
    };
  }
}
