import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { StoredTelemetry } from '@roompulse/contracts';

/**
 * The in-process channel from ingest to whatever pushes updates out (the realtime gateway).
 *
 * Delivery guarantee: every update the store *accepted* is published exactly once, synchronously
 * after the write and in write order, to every subscriber in this process. `stale` updates are
 * never published. Nothing is buffered for late subscribers; a subscriber that needs the state
 * before it subscribed reads the store (that is what the dashboard snapshot does). Fan-out to
 * other instances is the realtime layer's job, not this channel's.
 */
@Injectable()
export class TelemetryPublisher implements OnModuleDestroy {
  private readonly accepted = new Subject<StoredTelemetry>();

  /** Accepted updates, in write order. */
  readonly updates$: Observable<StoredTelemetry> = this.accepted.asObservable();

  publish(update: StoredTelemetry): void {
    this.accepted.next(update);
  }

  onModuleDestroy(): void {
    this.accepted.complete();
  }
}
