import type {
  StoredTelemetry,
  TelemetryUpdateData,
  TelemetryWriteStatus,
} from '@roompulse/contracts';
import { roomKey, type TelemetryStore } from './telemetry.store';

interface Entry {
  value: StoredTelemetry;
  expiresAt: number;
}

/** Embedded store for a single process (REDIS_URL unset). Expired rooms are dropped lazily. */
export class MemoryTelemetryStore implements TelemetryStore {
  readonly kind = 'memory' as const;
  private readonly rooms = new Map<string, Entry>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async write(update: TelemetryUpdateData, receivedAt: number): Promise<TelemetryWriteStatus> {
    return this.apply(update, receivedAt);
  }

  async writeMany(
    updates: TelemetryUpdateData[],
    receivedAt: number,
  ): Promise<TelemetryWriteStatus[]> {
    return updates.map((update) => this.apply(update, receivedAt));
  }

  async read(roomId: string, platform: string): Promise<StoredTelemetry | null> {
    return this.live(roomKey(roomId, platform))?.value ?? null;
  }

  async list(): Promise<StoredTelemetry[]> {
    const rooms: StoredTelemetry[] = [];
    for (const key of [...this.rooms.keys()]) {
      const entry = this.live(key);
      if (entry) rooms.push(entry.value);
    }
    return rooms;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  private apply(update: TelemetryUpdateData, receivedAt: number): TelemetryWriteStatus {
    const key = roomKey(update.room_id, update.platform);
    const current = this.live(key);
    if (current && current.value.timestamp > update.timestamp) return 'stale';
    const value: StoredTelemetry = {
      room_id: update.room_id,
      platform: update.platform,
      tokens_count: update.tokens_count,
      tips_count: update.tips_count,
      viewers_count: update.viewers_count,
      timestamp: update.timestamp,
      received_at: receivedAt,
    };
    this.rooms.set(key, { value, expiresAt: this.now() + this.ttlSeconds * 1000 });
    return 'accepted';
  }

  private live(key: string): Entry | undefined {
    const entry = this.rooms.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.rooms.delete(key);
      return undefined;
    }
    return entry;
  }
}
