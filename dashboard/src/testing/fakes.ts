import { signal } from '@angular/core';
import {
  TELEMETRY_UPDATE,
  type Platform,
  type RealtimeEvent,
  type Snapshot,
  type StoredTelemetry,
} from '@roompulse/contracts';
import { BehaviorSubject, Subject } from 'rxjs';
import type { FrameScheduler } from '../app/god-mode/animation-frame';
import type { ConnectionState } from '../app/realtime/connection-state';
import { Clock } from '../app/shared/clock';

/** A clock that only moves when told to. */
export class FakeClock extends Clock {
  private readonly nowState = signal(0);
  readonly now = this.nowState.asReadonly();

  constructor(startMs: number) {
    super();
    this.nowState.set(startMs);
  }

  advance(ms: number): void {
    this.nowState.update((now) => now + ms);
  }
}

/** Animation frames run only when the test calls {@link flush}. */
export class ManualFrames {
  private queue: (() => void)[] = [];
  readonly schedule: FrameScheduler = (callback) => {
    this.queue.push(callback);
  };

  get pending(): number {
    return this.queue.length;
  }

  flush(): void {
    const queue = this.queue;
    this.queue = [];
    for (const callback of queue) callback();
  }
}

/** Stands in for RealtimeService: the test pushes states, snapshots and updates. */
export class FakeRealtime {
  readonly state$ = new BehaviorSubject<ConnectionState>('offline');
  readonly snapshots$ = new Subject<Snapshot>();
  readonly updates$ = new Subject<RealtimeEvent>();
  connected = 0;

  connect(): void {
    this.connected++;
    this.state$.next('connecting');
  }

  disconnect(): void {
    this.state$.next('offline');
  }
}

export interface Figures {
  tokens: number;
  tips: number;
  viewers: number;
}

/** A room as a snapshot lists it; read at `readAt` (Unix s), received at `receivedAtMs`. */
export function stored(
  room_id: string,
  platform: Platform,
  figures: Figures,
  readAt: number,
  receivedAtMs = readAt * 1000,
): StoredTelemetry {
  return {
    room_id,
    platform,
    tokens_count: figures.tokens,
    tips_count: figures.tips,
    viewers_count: figures.viewers,
    timestamp: readAt,
    received_at: receivedAtMs,
  };
}

/** An update read at `readAt` and published at `publishedAt` (both Unix s). */
export function update(
  room_id: string,
  platform: Platform,
  figures: Figures,
  readAt: number,
  publishedAt = readAt,
): RealtimeEvent {
  return {
    event_type: TELEMETRY_UPDATE,
    room_id,
    data: { platform, ...figures, timestamp: readAt },
    timestamp: publishedAt,
  };
}

export function snapshot(rooms: StoredTelemetry[], serverTimeMs: number): Snapshot {
  return { rooms, server_time: serverTimeMs };
}

/** sessionStorage stand-in. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}
