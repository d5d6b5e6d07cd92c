import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import {
  PLATFORMS,
  TELEMETRY_BATCH,
  TELEMETRY_UPDATE,
  toRealtimeEvent,
  type RealtimeEvent,
  type StoredTelemetry,
} from '@roompulse/contracts';
import { TelemetryPublisher } from '../tracking/telemetry.publisher';
import type { DashboardNamespace, DashboardSocket } from './dashboard-socket';
import { RealtimeGateway } from './realtime.gateway';
import { RoomFilterSignal } from './room-filter-signal';
import { ALL_ROOM, filterMatcher, platformRoom, roomRoom, updateRooms } from './subscription';

/** How long updates are gathered into one frame while the stream is busy, in ms. */
export const FRAME_MS = 50;

/** Updates sent one by one, at once, within any {@link FRAME_MS}; more make the stream busy. */
export const BURST = 4;

/**
 * The one way telemetry reaches dashboards: it takes every update the store accepted on this
 * instance (from {@link TelemetryPublisher}) and emits it to the socket.io rooms of its room and
 * platform, so the namespace picks the recipients before encoding.
 *
 * Quiet and busy. A quiet stream sends each update at once, as `TELEMETRY_UPDATE`, exactly as
 * before frames existed. Once more than {@link BURST} updates arrive within {@link FRAME_MS}, the
 * stream is busy: what follows is gathered into frames of {@link FRAME_MS}, and at the end of each
 * frame the newest figures of every room that changed go out together, as one `TELEMETRY_BATCH`
 * per audience (a single update as `TELEMETRY_UPDATE`). A frame that ends empty makes the stream
 * quiet again. The audiences are the whole stream (`all`), each platform, and, only while some
 * dashboard filters by room ({@link RoomFilterSignal}), each room. So a busy stream costs a few
 * emits (and, with Redis, a few stream entries) per 50 ms, and each dashboard at most about 20
 * packets per second, instead of one emit, one stream entry and one packet per update.
 *
 * The trade-off, only while busy: an update waits up to 50 ms; when a room changes twice within a
 * frame only the newer figures are sent (figures are absolute counters, so what a dashboard ends
 * up showing is the same; only intermediate values are skipped); updates of two instances may
 * reach a dashboard in another order than they were accepted (within one instance the order
 * holds); and a stream entry holds a frame, so Redis keeps more bytes for the same number of
 * entries. Dashboards must handle `TELEMETRY_BATCH` (the God Mode dashboard does); a client that
 * only listens to `TELEMETRY_UPDATE` sees a quiet stream completely and a busy one partly.
 *
 * Delivery guarantee, for a dashboard whose filter matches the update:
 * - Connected: the newest figures of every accepted update, from any instance, arrive exactly once
 *   (within a frame, newer figures of the same room replace older ones). `stale` updates are
 *   never published. Updates of one instance arrive in its write order; two instances writing
 *   the same room may interleave, so clients keep, per room, the figures with the newest
 *   `timestamp`.
 * - Dropped for less than `WS_RECOVERY_WINDOW_MS` (2 min by default): on reconnect socket.io
 *   replays the missed packets (`socket.recovered === true`, no new SNAPSHOT), on whichever
 *   instance it reconnects to when Redis is shared. Not recoverable (window exceeded, more than
 *   ~10,000 stream entries behind, dropped before the first packet that carries a position
 *   arrived (its first update with Redis, its SNAPSHOT without), token expired meanwhile, or
 *   ended by the server): the dashboard gets a fresh SNAPSHOT (or is refused).
 *   Either way it ends with the current figures; only intermediate values can be skipped, never
 *   the latest.
 * - Redis unreachable: the store refuses writes (503), so nothing is published. An update
 *   published while only the adapter's connection is down still reaches this instance's
 *   dashboards but neither other instances nor later replays.
 * - Never twice: a replay starts after the last event the client received.
 */
@Injectable()
export class RealtimePublisher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RealtimePublisher.name);
  private subscription: Subscription | null = null;
  private count = 0;
  /** The current frame: newest figures per `platform:room_id`, in the order they last changed. */
  private readonly frame = new Map<string, StoredTelemetry>();
  private frameTimer: NodeJS.Timeout | null = null;
  /** When the updates sent one by one within the last {@link FRAME_MS} were sent. */
  private readonly recent: number[] = [];
  /** Emits run one after another, so a frame never overtakes the one before it. */
  private emitting: Promise<void> = Promise.resolve();

  constructor(
    private readonly telemetry: TelemetryPublisher,
    private readonly gateway: RealtimeGateway,
    private readonly roomFilters: RoomFilterSignal,
  ) {}

  /** Updates this instance has handed to socket.io since it started (coalesced ones included). */
  get published(): number {
    return this.count;
  }

  onModuleInit(): void {
    this.subscription = this.telemetry.updates$.subscribe((update) =>
      this.publishTelemetry(update),
    );
  }

  /** Sends what the current frame holds, then stops. */
  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    if (this.frameTimer) clearTimeout(this.frameTimer);
    this.frameTimer = null;
    const last = this.takeFrame();
    if (last.length > 0 && this.gateway.namespace)
      this.emitFrame(this.gateway.namespace, last, true);
  }

  publishTelemetry(update: StoredTelemetry): void {
    const namespace = this.gateway.namespace;
    if (!namespace) return; // not listening yet, so nobody to tell
    this.count += 1;
    if (!this.frameTimer && this.takeBurstSlot()) {
      this.enqueue(() => {
        namespace
          .to(updateRooms(update))
          .emit(TELEMETRY_UPDATE, toRealtimeEvent(update, Math.floor(Date.now() / 1000)));
      });
      return;
    }
    const key = `${update.platform}:${update.room_id}`;
    this.frame.delete(key);
    this.frame.set(key, update);
    this.frameTimer ??= setTimeout(() => this.endFrame(), FRAME_MS);
  }

  /** Whether this update may go out at once (fewer than {@link BURST} did within the last {@link FRAME_MS}); counts it if so. */
  private takeBurstSlot(): boolean {
    const now = Date.now();
    while (this.recent.length > 0 && now - this.recent[0] >= FRAME_MS) this.recent.shift();
    if (this.recent.length >= BURST) return false;
    this.recent.push(now);
    return true;
  }

  private endFrame(): void {
    const updates = this.takeFrame();
    const namespace = this.gateway.namespace;
    if (updates.length === 0 || !namespace) {
      this.frameTimer = null;
      return;
    }
    this.frameTimer = setTimeout(() => this.endFrame(), FRAME_MS);
    // Read after every update in the frame was accepted: see RoomFilterSignal.
    const perRoom = this.roomFilters.inUse();
    this.enqueue(async () => this.emitFrame(namespace, updates, await perRoom));
  }

  private takeFrame(): StoredTelemetry[] {
    const updates = [...this.frame.values()];
    this.frame.clear();
    return updates;
  }

  /**
   * Dashboards that connected while the frame was gathering (not recovered ones: they expect what
   * they missed) get only the updates accepted after they connected, the others being in the
   * SNAPSHOT they read after joining their rooms: a quiet stream never sends a new dashboard an
   * update from before its connection, and neither does a busy one.
   */
  private emitFrame(
    namespace: DashboardNamespace,
    updates: StoredTelemetry[],
    perRoom: boolean,
  ): void {
    const publishedAt = Math.floor(Date.now() / 1000);
    const events = updates.map((update) => toRealtimeEvent(update, publishedAt));
    const oldest = updates.reduce((min, update) => Math.min(min, update.received_at), Infinity);
    const fresh: DashboardSocket[] = [];
    for (const socket of namespace.sockets.values()) {
      if (!socket.recovered && socket.handshake.issued > oldest) fresh.push(socket);
    }
    const except = fresh.map((socket) => socket.id);
    this.send(namespace, ALL_ROOM, events, except);
    for (const platform of PLATFORMS) {
      const ofPlatform = events.filter((event) => event.data.platform === platform);
      if (ofPlatform.length > 0) this.send(namespace, platformRoom(platform), ofPlatform, except);
    }
    if (perRoom) {
      for (const event of events) {
        namespace
          .to(roomRoom(event.data.platform, event.room_id))
          .except(except)
          .emit(TELEMETRY_UPDATE, event);
      }
    }
    for (const socket of fresh) {
      const matches = filterMatcher(socket.data.filter ?? {});
      const since = socket.handshake.issued;
      const own = events.filter(
        (event, i) =>
          updates[i].received_at >= since &&
          matches({ platform: event.data.platform, room_id: event.room_id }),
      );
      if (own.length > 0) this.send(namespace, socket.id, own, []);
    }
  }

  private send(
    namespace: DashboardNamespace,
    room: string,
    events: RealtimeEvent[],
    except: string[],
  ): void {
    const audience = namespace.to(room).except(except);
    if (events.length === 1) audience.emit(TELEMETRY_UPDATE, events[0]);
    else audience.emit(TELEMETRY_BATCH, events);
  }

  private enqueue(work: () => void | Promise<void>): void {
    this.emitting = this.emitting.then(work).catch((error: unknown) => {
      // Never fail ingest over this: the figures are stored either way.
      this.logger.error(`could not publish telemetry: ${String(error)}`);
    });
  }
}
