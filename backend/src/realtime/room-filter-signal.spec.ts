import { randomBytes } from 'node:crypto';
import { RedisConnection } from '../storage/redis-connection';
import { TEST_REDIS_URL, deleteKeys } from '../testing/test-app';
import { RoomFilterSignal } from './room-filter-signal';

describe(RoomFilterSignal.name, () => {
  describe('in one process (no Redis)', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('is down until a socket filters by room', async () => {
      const signal = RoomFilterSignal.create(null, 120_000);
      expect(await signal.inUse()).toBe(false);
      await signal.add('socket-1');
      expect(await signal.inUse()).toBe(true);
      signal.onModuleDestroy();
    });

    it('outlives the last room-filtered socket by the recovery window plus a refresh period', async () => {
      const signal = RoomFilterSignal.create(null, 120_000);
      await signal.add('socket-1');
      signal.remove('socket-1');

      jest.advanceTimersByTime(120_000 + 30_000);
      expect(await signal.inUse()).toBe(true);
      jest.advanceTimersByTime(30_000);
      expect(await signal.inUse()).toBe(false);
    });

    it('stays up while a socket filters by room, however long', async () => {
      const signal = RoomFilterSignal.create(null, 0);
      await signal.add('socket-1');
      await jest.advanceTimersByTimeAsync(10 * 60_000);
      expect(await signal.inUse()).toBe(true);
      signal.onModuleDestroy();
    });
  });

  describe('on Redis, shared by the instances', () => {
    const prefix = `rp-test:signal:${randomBytes(4).toString('hex')}:`;
    const connections: RedisConnection[] = [];

    async function instance(): Promise<RoomFilterSignal> {
      const connection = new RedisConnection(TEST_REDIS_URL, prefix);
      await connection.connect();
      connections.push(connection);
      return RoomFilterSignal.create(connection, 5_000);
    }

    afterAll(async () => {
      for (const connection of connections) await connection.close();
      await deleteKeys(prefix);
    });

    it('lets every instance see, once add() resolved, that one of them has a room filter', async () => {
      const [first, second] = [await instance(), await instance()];
      expect(await second.inUse()).toBe(false);

      await first.add('socket-1');

      expect(await second.inUse()).toBe(true);
      const ttl = await connections[0].client.pTTL(`${prefix}realtime:room-filters`);
      expect(ttl).toBeGreaterThan(60_000);
      expect(ttl).toBeLessThanOrEqual(65_000);
      first.onModuleDestroy();
    });
  });
});
