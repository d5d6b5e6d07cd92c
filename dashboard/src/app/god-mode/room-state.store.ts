import {
  DestroyRef,
  Injectable,
  InjectionToken,
  computed,
  inject,
  signal,
  type Signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import type { Platform, RealtimeEvent, Snapshot, StoredTelemetry } from '@roompulse/contracts';
import type { ConnectionState } from '../realtime/connection-state';
import { RealtimeService } from '../realtime/realtime.service';
import { Clock } from '../shared/clock';
import { ACTIVITY_WINDOW_MS, appendSample, tokensPerMinute, type TokenSample } from './activity';
import { ANIMATION_FRAME } from './animation-frame';
import { roomKey, type RoomKey } from './room-key';
import { ROOM_STATUS_THRESHOLDS, statusByAge, type RoomStatus } from '../shared/room-status';

/**
 * How the store paces applying updates while the stream is busy: more than `busyUpdates` updates
 * within the last second make it busy, and a busy stream is applied at most every `intervalMs`.
 */
export interface ApplyPacing {
  busyUpdates: number;
  intervalMs: number;
}

export const APPLY_PACING = new InjectionToken<ApplyPacing>('APPLY_PACING', {
  providedIn: 'root',
  factory: () => ({ busyUpdates: 40, intervalMs: 250 }),
});

/** A room's latest figures as the dashboard holds them. */
export interface HeldRoom {
  readonly key: RoomKey;
  readonly room_id: string;
  readonly platform: Platform;
  readonly tokens: number;
  readonly tips: number;
  readonly viewers: number;
  /** When the figures were read (`data.timestamp`), Unix s: decides which of two updates is newer. */
  readonly readAt: number;
  /** When the server received them, Unix ms on the server's clock: decides the status. */
  readonly seenAt: number;
  /** False once the latest snapshot no longer lists the room (expired on the server). */
  readonly inSnapshot: boolean;
  readonly samples: readonly TokenSample[];
}

/** A held room with what time makes of it; recomputed every clock tick. */
export interface RoomView extends HeldRoom {
  readonly status: RoomStatus;
  /** Time since the server last received figures for the room, ms. */
  readonly ageMs: number;
  readonly tokensPerMinute: number;
}

export interface Totals {
  readonly tokens: number;
  readonly tips: number;
  /** Viewers of the rooms that are not offline. */
  readonly viewers: number;
  readonly roomsLive: number;
  readonly roomsKnown: number;
}

/**
 * The rooms' figures: the latest snapshot merged with the updates received since.
 *
 * - Per room the figures with the newest `data.timestamp` win; an update older than what is held
 *   is ignored (updates may arrive out of order), one of the same age replaces it.
 * - A snapshot replaces what it lists (unless held figures are newer) and marks rooms it no longer
 *   lists as gone, which shows them `offline` while keeping their last figures on screen.
 * - Incoming messages are buffered (newest per room) and applied together on an animation frame:
 *   the next one while the stream is quiet, and at most every 250 ms while it is busy (more than
 *   40 updates within a second, see {@link APPLY_PACING}). Each change of {@link rooms} is a
 *   round of change detection over the cards on screen and the heat map (15–30 ms with 1,000
 *   rooms); 200 updates/s arrive as ~20 server frames per second, and applying each on its own
 *   left the screen at ~20 frames/s (bench/README.md, B4).
 * - Status and activity are measured on the server's clock (offset from the snapshot's
 *   `server_time`), so neither the dashboard's nor the extension's clock skews them.
 */
@Injectable()
export class RoomStateStore {
  private readonly realtime = inject(RealtimeService);
  private readonly clock = inject(Clock);
  private readonly thresholds = inject(ROOM_STATUS_THRESHOLDS);
  private readonly requestFrame = inject(ANIMATION_FRAME);
  private readonly activityWindowMs = inject(ACTIVITY_WINDOW_MS);
  private readonly destroyRef = inject(DestroyRef);

  private readonly roomsState = signal<ReadonlyMap<RoomKey, HeldRoom>>(new Map());
  private readonly loadedState = signal(false);
  private readonly lastUpdateAtState = signal<number | null>(null);
  private readonly serverOffsetMs = signal(0);

  private readonly pacing = inject(APPLY_PACING);

  private pendingSnapshot: Snapshot | null = null;
  private readonly pendingUpdates = new Map<RoomKey, RealtimeEvent>();
  private frameRequested = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushAt = -Infinity;
  /** Arrival times (performance.now) of the last `busyUpdates` updates, a ring. */
  private readonly arrivals = new Float64Array(Math.max(1, this.pacing.busyUpdates)).fill(
    -Infinity,
  );
  private arrivalIndex = 0;
  private destroyed = false;
  private started = false;

  /** Held rooms by key; changes at most once per animation frame. */
  readonly rooms = this.roomsState.asReadonly();
  /** A first snapshot has been applied. */
  readonly loaded = this.loadedState.asReadonly();
  /** When figures were last applied, Unix ms on this machine's clock. */
  readonly lastUpdateAt = this.lastUpdateAtState.asReadonly();
  readonly connection: Signal<ConnectionState> = toSignal(this.realtime.state$, {
    requireSync: true,
  });
  /** The server's current time, Unix ms, ticking with the clock. */
  readonly serverNow = computed(() => this.clock.now() + this.serverOffsetMs());

  /**
   * Views by key from the last computation, with the clock reading they were made at: a room whose
   * figures did not change since keeps the same object, so that everything downstream (rows,
   * squads, the change detection of their views) can tell it apart from the few that did.
   */
  private viewCache = new Map<RoomKey, { held: HeldRoom; view: RoomView }>();
  private viewCacheNow = Number.NaN;

  readonly roomViews: Signal<readonly RoomView[]> = computed(() => {
    const now = this.serverNow();
    const reuse = now === this.viewCacheNow;
    const cache = new Map<RoomKey, { held: HeldRoom; view: RoomView }>();
    const views: RoomView[] = [];
    for (const held of this.roomsState().values()) {
      const previous = reuse ? this.viewCache.get(held.key) : undefined;
      const view = previous?.held === held ? previous.view : this.toView(held, now);
      cache.set(held.key, { held, view });
      views.push(view);
    }
    this.viewCache = cache;
    this.viewCacheNow = now;
    return views;
  });

  readonly totals: Signal<Totals> = computed(() => {
    let tokens = 0;
    let tips = 0;
    let viewers = 0;
    let roomsLive = 0;
    const rooms = this.roomViews();
    for (const room of rooms) {
      tokens += room.tokens;
      tips += room.tips;
      if (room.status !== 'offline') viewers += room.viewers;
      if (room.status === 'live') roomsLive++;
    }
    return { tokens, tips, viewers, roomsLive, roomsKnown: rooms.length };
  });

  constructor() {
    this.destroyRef.onDestroy(() => {
      this.destroyed = true;
      clearTimeout(this.flushTimer);
    });
  }

  /** Opens the realtime stream and feeds it into the store until the owner is destroyed. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.realtime.snapshots$
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((snapshot) => this.receiveSnapshot(snapshot));
    this.realtime.updates$
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((event) => this.receiveUpdate(event));
    this.realtime.connect();
  }

  private toView(room: HeldRoom, now: number): RoomView {
    const ageMs = Math.max(0, now - room.seenAt);
    return {
      ...room,
      ageMs,
      status: room.inSnapshot ? statusByAge(ageMs, this.thresholds) : 'offline',
      tokensPerMinute: tokensPerMinute(room.samples, now, this.activityWindowMs),
    };
  }

  receiveSnapshot(snapshot: Snapshot, receivedAt: number = Date.now()): void {
    this.serverOffsetMs.set(snapshot.server_time - receivedAt);
    // Updates buffered before the snapshot are already reflected in it (one ordered socket).
    this.pendingUpdates.clear();
    this.pendingSnapshot = snapshot;
    this.scheduleFlush();
  }

  receiveUpdate(event: RealtimeEvent): void {
    this.arrivals[this.arrivalIndex] = performance.now();
    this.arrivalIndex = (this.arrivalIndex + 1) % this.arrivals.length;
    const key = roomKey(event.data.platform, event.room_id);
    const buffered = this.pendingUpdates.get(key);
    if (!buffered || event.data.timestamp >= buffered.data.timestamp) {
      this.pendingUpdates.set(key, event);
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.frameRequested || this.destroyed) return;
    this.frameRequested = true;
    const wait = this.busy() ? this.lastFlushAt + this.pacing.intervalMs - performance.now() : 0;
    if (wait <= 0) {
      this.requestFrame(() => this.flush());
      return;
    }
    this.flushTimer = setTimeout(() => this.requestFrame(() => this.flush()), wait);
  }

  /** More than `busyUpdates` updates arrived within the last second. */
  private busy(): boolean {
    // The oldest of the last `busyUpdates` arrivals sits where the next one will be written.
    return performance.now() - this.arrivals[this.arrivalIndex] < 1000;
  }

  private flush(): void {
    this.frameRequested = false;
    if (this.destroyed) return;
    this.lastFlushAt = performance.now();
    const snapshot = this.pendingSnapshot;
    const updates = [...this.pendingUpdates.values()];
    this.pendingSnapshot = null;
    this.pendingUpdates.clear();

    const rooms = new Map(this.roomsState());
    let changed = snapshot !== null;
    if (snapshot) this.applySnapshot(rooms, snapshot);
    for (const event of updates) changed = this.applyUpdate(rooms, event) || changed;
    if (!changed) return;
    this.roomsState.set(rooms);
    this.lastUpdateAtState.set(Date.now());
    if (snapshot) this.loadedState.set(true);
  }

  private applySnapshot(rooms: Map<RoomKey, HeldRoom>, snapshot: Snapshot): void {
    const listed = new Set<RoomKey>();
    for (const stored of snapshot.rooms) {
      const key = roomKey(stored.platform, stored.room_id);
      listed.add(key);
      const held = rooms.get(key);
      rooms.set(
        key,
        held && held.readAt > stored.timestamp
          ? { ...held, inSnapshot: true }
          : this.fromStored(key, stored, held),
      );
    }
    for (const [key, held] of rooms) {
      if (!listed.has(key) && held.inSnapshot) rooms.set(key, { ...held, inSnapshot: false });
    }
  }

  /** Applies an update unless older than what is held; says whether anything changed. */
  private applyUpdate(rooms: Map<RoomKey, HeldRoom>, event: RealtimeEvent): boolean {
    const key = roomKey(event.data.platform, event.room_id);
    const held = rooms.get(key);
    if (held && event.data.timestamp < held.readAt) return false;
    const seenAt = Math.max(event.timestamp * 1000, held?.seenAt ?? 0);
    rooms.set(key, {
      key,
      room_id: event.room_id,
      platform: event.data.platform,
      tokens: event.data.tokens,
      tips: event.data.tips,
      viewers: event.data.viewers,
      readAt: event.data.timestamp,
      seenAt,
      inSnapshot: true,
      samples: appendSample(
        held?.samples ?? [],
        { at: seenAt, tokens: event.data.tokens },
        this.activityWindowMs,
      ),
    });
    return true;
  }

  private fromStored(key: RoomKey, stored: StoredTelemetry, held: HeldRoom | undefined): HeldRoom {
    const seenAt = Math.max(stored.received_at, held?.seenAt ?? 0);
    return {
      key,
      room_id: stored.room_id,
      platform: stored.platform,
      tokens: stored.tokens_count,
      tips: stored.tips_count,
      viewers: stored.viewers_count,
      readAt: stored.timestamp,
      seenAt,
      inSnapshot: true,
      samples: appendSample(
        held?.samples ?? [],
        { at: seenAt, tokens: stored.tokens_count },
        this.activityWindowMs,
      ),
    };
  }
}
