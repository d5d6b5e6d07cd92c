import type { StoredTelemetry } from '@roompulse/contracts';
import type { TelemetryStore } from '../tracking/telemetry.store';
import { SnapshotService } from './snapshot.service';

function room(room_id: string, platform: StoredTelemetry['platform']): StoredTelemetry {
  return {
    room_id,
    platform,
    tokens_count: 1,
    tips_count: 1,
    viewers_count: 1,
    timestamp: 1,
    received_at: 1,
  };
}

/** A store whose reads the test answers one by one. */
class ControlledStore {
  readonly reads: ((rooms: StoredTelemetry[]) => void)[] = [];

  list(): Promise<StoredTelemetry[]> {
    return new Promise((resolve) => this.reads.push(resolve));
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(SnapshotService.name, () => {
  let store: ControlledStore;
  let service: SnapshotService;

  beforeEach(() => {
    store = new ControlledStore();
    service = new SnapshotService(store as unknown as TelemetryStore);
  });

  it('orders rooms by platform, then room id, and applies the filter read after the store answered', async () => {
    let filter = {};
    const built = service.build(() => filter);
    filter = { platforms: ['stripchat'] };
    store.reads[0]([room('b', 'stripchat'), room('a', 'chaturbate'), room('a', 'stripchat')]);

    expect((await built).rooms.map((r) => `${r.platform}:${r.room_id}`)).toEqual([
      'stripchat:a',
      'stripchat:b',
    ]);
  });

  it('never answers with a read that began before it was asked, and shares later reads', async () => {
    const early = service.build(() => ({}));
    const late = [service.build(() => ({})), service.build(() => ({}))];
    expect(store.reads).toHaveLength(1);

    store.reads[0]([room('before', 'chaturbate')]);
    expect((await early).rooms.map((r) => r.room_id)).toEqual(['before']);
    await settle();
    expect(store.reads).toHaveLength(2);

    store.reads[1]([room('after', 'chaturbate')]);
    for (const snapshot of await Promise.all(late)) {
      expect(snapshot.rooms.map((r) => r.room_id)).toEqual(['after']);
    }
  });

  it('reads again for a build that starts once the previous read is over', async () => {
    const first = service.build(() => ({}));
    store.reads[0]([]);
    await first;
    const second = service.build(() => ({}));
    expect(store.reads).toHaveLength(2);
    store.reads[1]([room('x', 'camsoda')]);
    expect((await second).rooms).toHaveLength(1);
  });
});
