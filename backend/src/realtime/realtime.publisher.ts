import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { TELEMETRY_UPDATE, toRealtimeEvent, type StoredTelemetry } from '@roompulse/contracts';
import { TelemetryPublisher } from '../tracking/telemetry.publisher';
import { RealtimeGateway } from './realtime.gateway';
import { updateRooms } from './subscription';

/**
 * The one way telemetry reaches dashboards: it takes every update the store accepted on this
 * instance (from {@link TelemetryPublisher}) and emits it as `TELEMETRY_UPDATE` to the socket.io
 * rooms of its room and platform, so the namespace picks the recipients before encoding.
 *
 * Delivery guarantee, for a dashboard whose filter matches the update:
 * - Connected: every accepted update, from any instance, arrives exactly once. `stale` updates are
 *   never published. Updates of one instance arrive in its write order; two instances writing the
 *   same room may interleave, so clients keep, per room, the figures with the newest `timestamp`.
 * - Dropped for less than `WS_RECOVERY_WINDOW_MS` (2 min by default): on reconnect socket.io
 *   replays the missed updates (`socket.recovered === true`, no new SNAPSHOT), on whichever
 *   instance it reconnects to when Redis is shared. Not recoverable (window exceeded, more than
 *   ~10,000 stream entries behind, dropped before its first SNAPSHOT arrived, token expired
 *   meanwhile, or ended by the server): the dashboard gets a fresh SNAPSHOT (or is refused).
 *   Either way it ends with the current figures; only intermediate values can be skipped, never
 *   the latest.
 * - Redis unreachable: the store refuses writes (503), so nothing is published. An update
 *   published while only the adapter's connection is down still reaches this instance's
 *   dashboards but neither other instances nor later replays.
 * - Never twice: a replay starts after the last event the client received.
 *
 * Coalescing into `TELEMETRY_BATCH` (newest figures per room per tick) would slot in here, keeping
 * the same guarantee; updates are sent one by one for now.
 */
@Injectable()
export class RealtimePublisher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RealtimePublisher.name);
  private subscription: Subscription | null = null;
  private count = 0;

  constructor(
    private readonly telemetry: TelemetryPublisher,
    private readonly gateway: RealtimeGateway,
  ) {}

  /** Updates this instance has handed to socket.io since it started. */
  get published(): number {
    return this.count;
  }

  onModuleInit(): void {
    this.subscription = this.telemetry.updates$.subscribe((update) =>
      this.publishTelemetry(update),
    );
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  publishTelemetry(update: StoredTelemetry): void {
    const namespace = this.gateway.namespace;
    if (!namespace) return; // not listening yet, so nobody to tell
    try {
      namespace
        .to(updateRooms(update))
        .emit(TELEMETRY_UPDATE, toRealtimeEvent(update, Math.floor(Date.now() / 1000)));
      this.count += 1;
    } catch (error) {
      // Never fail the ingest request that triggered this: the figures are stored either way.
      this.logger.error(`could not publish ${update.platform}/${update.room_id}: ${String(error)}`);
    }
  }
}
