import type { TelemetryUpdateData } from '@roompulse/contracts';
import { RedisConnection } from '../storage/redis-connection';
import { deleteKeys, TEST_REDIS_URL } from '../testing/test-app';
import { MemoryTelemetryStore } from './memory-telemetry.store';
import { RedisTelemetryStore } from './redis-telemetry.store';
import type { TelemetryStore } from './telemetry.store';

const base: TelemetryUpdateData = {
  room_id: 'room_a',
  platform: 'stripchat',
  tokens_count: 10,
  tips_count: 1,
  viewers_count: 5,
  timestamp: 1_000,
};

interface Harness {
  store: TelemetryStore;
  /** Moves the store's clock (memory) or waits out real expiry (Redis uses its own clock for TTL). */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

async function memoryHarness(ttlSeconds: number): Promise<Harness> {
  let now = 1_000_000;
  const store = new MemoryTelemetryStore(ttlSeconds, () => now);
  return { store, advance: async (ms) => void (now += ms), close: async () => undefined };
}

async function redisHarness(ttlSeconds: number): Promise<Harness> {
  const prefix = `rp-test:store:${process.pid}:${Math.random().toString(36).slice(2)}:`;
  const connection = new RedisConnection(TEST_REDIS_URL, prefix);
  await connection.connect();
  const store = new RedisTelemetryStore(connection, ttlSeconds);
  return {
    store,
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    close: async () => {
      await connection.close();
      await deleteKeys(prefix);
    },
  };
}

describe.each([
  ['MemoryTelemetryStore', memoryHarness],
  ['RedisTelemetryStore', redisHarness],
])('%s', (_name, makeHarness) => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await makeHarness(1);
  });

  afterEach(() => harness.close());

  it('stores the latest figures and reads them back with received_at', async () => {
    expect(await harness.store.write(base, 1234)).toBe('accepted');
    expect(await harness.store.read('room_a', 'stripchat')).toEqual({ ...base, received_at: 1234 });
    expect(await harness.store.read('room_a', 'chaturbate')).toBeNull();
  });

  it('answers stale for an older timestamp and keeps the newer figures', async () => {
    await harness.store.write({ ...base, timestamp: 2_000, tokens_count: 50 }, 1);
    expect(await harness.store.write({ ...base, timestamp: 1_999, tokens_count: 40 }, 2)).toBe(
      'stale',
    );
    expect((await harness.store.read('room_a', 'stripchat'))?.tokens_count).toBe(50);
  });

  it('applies an update with the same timestamp (two reads within one second)', async () => {
    await harness.store.write({ ...base, tokens_count: 50 }, 1);
    expect(await harness.store.write({ ...base, tokens_count: 55 }, 2)).toBe('accepted');
    expect((await harness.store.read('room_a', 'stripchat'))?.tokens_count).toBe(55);
  });

  it('writes a batch in order and judges each item against the one before it', async () => {
    const statuses = await harness.store.writeMany(
      [
        { ...base, timestamp: 10 },
        { ...base, timestamp: 9 },
        { ...base, room_id: 'room_b', timestamp: 3 },
        { ...base, timestamp: 12, tokens_count: 99 },
      ],
      5,
    );
    expect(statuses).toEqual(['accepted', 'stale', 'accepted', 'accepted']);
    expect((await harness.store.read('room_a', 'stripchat'))?.tokens_count).toBe(99);
  });

  it('lists every live room and drops expired ones', async () => {
    await harness.store.writeMany(
      [base, { ...base, room_id: 'room_b', platform: 'camsoda' }],
      Date.now(),
    );
    const listed = (await harness.store.list()).map((r) => `${r.platform}:${r.room_id}`).sort();
    expect(listed).toEqual(['camsoda:room_b', 'stripchat:room_a']);
    await harness.advance(1_600);
    expect(await harness.store.list()).toEqual([]);
    expect(await harness.store.read('room_a', 'stripchat')).toBeNull();
  });

  it('never moves a room backwards under racing writers', async () => {
    const timestamps = Array.from({ length: 60 }, (_, i) => 5_000 + ((i * 37) % 60));
    await Promise.all(
      timestamps.map((timestamp) =>
        harness.store.write({ ...base, timestamp, tokens_count: timestamp }, 1),
      ),
    );
    const stored = await harness.store.read('room_a', 'stripchat');
    expect(stored?.timestamp).toBe(5_059);
    expect(stored?.tokens_count).toBe(5_059);
  });
});

describe('RedisTelemetryStore on Redis', () => {
  it("keeps the seed's key with the TTL refreshed on every write, and survives a flushed script cache", async () => {
    const prefix = `rp-test:ttl:${process.pid}:`;
    const connection = new RedisConnection(TEST_REDIS_URL, prefix);
    await connection.connect();
    try {
      const store = new RedisTelemetryStore(connection, 3600);
      await connection.client.scriptFlush();
      await store.write(base, Date.now());
      const key = `${prefix}telemetry:room_a:stripchat`;
      expect(await connection.client.hGet(key, 'tokens_count')).toBe('10');
      await connection.client.expire(key, 100);
      await store.write({ ...base, timestamp: 1_001 }, Date.now());
      const ttl = await connection.client.ttl(key);
      expect(ttl).toBeGreaterThan(3590);
      expect(ttl).toBeLessThanOrEqual(3600);
    } finally {
      await connection.close();
      await deleteKeys(prefix);
    }
  });
});
