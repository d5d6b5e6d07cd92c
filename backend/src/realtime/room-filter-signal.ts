import type { OnModuleDestroy } from '@nestjs/common';
import type { RedisConnection } from '../storage/redis-connection';

/** How often an instance with room-filtered dashboards says so again. */
const REFRESH_MS = 30_000;

/**
 * Whether any dashboard, on any instance, narrows its stream to single rooms (`subscribe` with
 * `rooms`), counting disconnected ones whose session may still be recovered.
 *
 * The publisher asks before each frame: rooms are the only audience that costs one emit (and, with
 * Redis, one stream entry) per updated room, and nearly every dashboard takes the whole stream or
 * a platform, so while nobody filters by room those emits are skipped.
 *
 * Race-free as long as the gateway awaits {@link add} before acknowledging the `subscribe`: a
 * frame is read after the updates in it were accepted, so every update accepted after the
 * acknowledgement is flushed by a frame that sees the signal.
 *
 * The signal outlives the last room-filtered socket by the recovery window (plus one refresh
 * period), so that packets for a dropped socket are still written to the stream it is replayed from.
 */
export abstract class RoomFilterSignal implements OnModuleDestroy {
  private readonly sockets = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  /** @param ttlMs how long the signal lasts after the last refresh */
  protected constructor(protected readonly ttlMs: number) {}

  static create(redis: RedisConnection | null, recoveryWindowMs: number): RoomFilterSignal {
    const ttlMs = recoveryWindowMs + 2 * REFRESH_MS;
    return redis ? new RedisRoomFilterSignal(redis, ttlMs) : new LocalRoomFilterSignal(ttlMs);
  }

  /**
   * A socket of this instance now filters by room; resolves once every instance can see it. While
   * Redis is away this instance knows anyway, and the others learn it at the next refresh (nothing
   * is accepted, so nothing is published, while the store is unreachable).
   */
  async add(socketId: string): Promise<void> {
    this.sockets.add(socketId);
    this.timer ??= setInterval(() => void this.refresh(), REFRESH_MS).unref();
    await this.refresh();
  }

  /** The socket no longer filters by room, or has disconnected. */
  remove(socketId: string): void {
    this.sockets.delete(socketId);
    if (this.sockets.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  /** Whether frames must also be emitted room by room. Answers true when in doubt. */
  async inUse(): Promise<boolean> {
    return this.sockets.size > 0 || this.raised();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  protected abstract raise(): Promise<void>;

  /** Whether the signal is up for any instance. */
  protected abstract raised(): Promise<boolean>;

  private async refresh(): Promise<void> {
    try {
      if (this.sockets.size > 0) await this.raise();
    } catch {
      // Redis is away: nothing is published meanwhile, and the next refresh tries again.
    }
  }
}

class LocalRoomFilterSignal extends RoomFilterSignal {
  private until = 0;

  constructor(ttlMs: number) {
    super(ttlMs);
  }

  protected async raised(): Promise<boolean> {
    return Date.now() < this.until;
  }

  protected async raise(): Promise<void> {
    this.until = Date.now() + this.ttlMs;
  }
}

/** One key with a TTL (`<prefix>realtime:room-filters`) shared by every instance on this Redis. */
class RedisRoomFilterSignal extends RoomFilterSignal {
  private readonly key: string;

  constructor(
    private readonly redis: RedisConnection,
    ttlMs: number,
  ) {
    super(ttlMs);
    this.key = `${redis.keyPrefix}realtime:room-filters`;
  }

  protected async raised(): Promise<boolean> {
    try {
      return (await this.redis.client.get(this.key)) !== null;
    } catch {
      return true;
    }
  }

  protected async raise(): Promise<void> {
    await this.redis.client.set(this.key, '1', { PX: this.ttlMs });
  }
}
