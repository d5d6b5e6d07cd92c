import { createHash } from 'node:crypto';
import {
  isPlatform,
  type StoredTelemetry,
  type TelemetryUpdateData,
  type TelemetryWriteStatus,
} from '@roompulse/contracts';
import type { RedisConnection } from '../storage/redis-connection';
import { StoreUnavailableError } from '../storage/store-unavailable.error';
import { roomKey, type TelemetryStore } from './telemetry.store';

/**
 * Check-and-set in one step on the server, so two writers racing on the same room cannot move it
 * backwards. The hash lives under the seed's key `telemetry:{room_id}:{platform}`; a sorted set
 * scored by expiry time indexes the live rooms so all of them are read in one pipeline.
 */
const WRITE_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'timestamp')
if current and tonumber(current) > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'room_id', ARGV[4], 'platform', ARGV[5], 'tokens_count', ARGV[6],
  'tips_count', ARGV[7], 'viewers_count', ARGV[8], 'timestamp', ARGV[1], 'received_at', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], tonumber(ARGV[3]) + tonumber(ARGV[2]) * 1000, ARGV[9])
return 1
`;
const WRITE_SHA = createHash('sha1').update(WRITE_SCRIPT).digest('hex');

export class RedisTelemetryStore implements TelemetryStore {
  readonly kind = 'redis' as const;
  private readonly indexKey: string;

  constructor(
    private readonly redis: RedisConnection,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.indexKey = `${redis.keyPrefix}telemetry:index`;
  }

  /** Redis key of a room's latest figures (the seed's `telemetry:{room_id}:{platform}`). */
  key(roomId: string, platform: string): string {
    return `${this.redis.keyPrefix}telemetry:${roomId}:${platform}`;
  }

  async write(update: TelemetryUpdateData, receivedAt: number): Promise<TelemetryWriteStatus> {
    const [status] = await this.writeMany([update], receivedAt);
    return status;
  }

  async writeMany(
    updates: TelemetryUpdateData[],
    receivedAt: number,
  ): Promise<TelemetryWriteStatus[]> {
    return this.guard(async () => {
      let replies: unknown[];
      try {
        replies = await this.runPipeline(updates, receivedAt);
      } catch (error) {
        // After a Redis restart or SCRIPT FLUSH every EVALSHA of the pipeline fails alike, so none
        // was applied: load the script once and run the same pipeline again.
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        await this.redis.client.scriptLoad(WRITE_SCRIPT);
        replies = await this.runPipeline(updates, receivedAt);
      }
      return replies.map((reply) => (Number(reply) === 1 ? 'accepted' : 'stale'));
    });
  }

  async read(roomId: string, platform: string): Promise<StoredTelemetry | null> {
    return this.guard(async () =>
      decode(await this.redis.client.hGetAll(this.key(roomId, platform))),
    );
  }

  async list(): Promise<StoredTelemetry[]> {
    return this.guard(async () => {
      const client = this.redis.client;
      const now = this.now();
      const [, members] = (await client
        .multi()
        .zRemRangeByScore(this.indexKey, '-inf', now)
        .zRangeByScore(this.indexKey, now, '+inf')
        .exec()) as unknown as [number, string[]];
      if (members.length === 0) return [];
      const pipeline = client.multi();
      for (const member of members) {
        const split = member.lastIndexOf(':');
        pipeline.hGetAll(this.key(member.slice(0, split), member.slice(split + 1)));
      }
      const hashes = (await pipeline.execAsPipeline()) as unknown as Record<string, string>[];
      return hashes.map(decode).filter((room): room is StoredTelemetry => room !== null);
    });
  }

  async ping(): Promise<boolean> {
    return this.redis.ping();
  }

  /** A pipeline, not MULTI: one round trip, and each script call is atomic on its own. */
  private runPipeline(updates: TelemetryUpdateData[], receivedAt: number): Promise<unknown[]> {
    const pipeline = this.redis.client.multi();
    for (const u of updates) {
      pipeline.evalSha(WRITE_SHA, {
        keys: [this.key(u.room_id, u.platform), this.indexKey],
        arguments: [
          String(u.timestamp),
          String(this.ttlSeconds),
          String(receivedAt),
          u.room_id,
          u.platform,
          String(u.tokens_count),
          String(u.tips_count),
          String(u.viewers_count),
          roomKey(u.room_id, u.platform),
        ],
      });
    }
    return pipeline.execAsPipeline() as Promise<unknown[]>;
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    if (!this.redis.ready) throw new StoreUnavailableError();
    try {
      return await operation();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }
}

function decode(hash: Record<string, string> | null | undefined): StoredTelemetry | null {
  if (!hash || !hash['room_id'] || !isPlatform(hash['platform'])) return null;
  return {
    room_id: hash['room_id'],
    platform: hash['platform'],
    tokens_count: Number(hash['tokens_count']),
    tips_count: Number(hash['tips_count']),
    viewers_count: Number(hash['viewers_count']),
    timestamp: Number(hash['timestamp']),
    received_at: Number(hash['received_at']),
  };
}
