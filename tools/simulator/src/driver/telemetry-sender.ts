import {
  MAX_BATCH_SIZE,
  type TelemetryBatchResponse,
  type TelemetryUpdateData,
} from '@roompulse/contracts';
import { Backoff } from './backoff';
import { RetriableError } from './api-session';

/** Sends one batch; rejects with {@link RetriableError} when it may be sent again later. */
export type PostBatch = (updates: TelemetryUpdateData[]) => Promise<TelemetryBatchResponse>;

export interface SenderOptions {
  /** Batches in flight at once. */
  concurrency: number;
  /** Items per batch, 1..{@link MAX_BATCH_SIZE}. */
  batchSize: number;
  backoff: Backoff;
  /** Every failed request, retriable or not, with the number of items it carried. */
  onError?: (error: Error, items: number) => void;
  /** The first invalid item of a batch, which means the model or the clock is wrong. */
  onInvalid?: (result: TelemetryBatchResponse['results'][number]) => void;
  now?: () => number;
}

export interface SenderCounters {
  /** Items in batches the server answered. */
  sent: number;
  accepted: number;
  stale: number;
  invalid: number;
  /** Items replaced by newer figures of the same room before they were sent. */
  superseded: number;
  /** Items given up on after a non-retriable failure. */
  dropped: number;
  batches: number;
  failedRequests: number;
  /** Items put back in the queue after a retriable failure. */
  requeued: number;
}

const LATENCY_SAMPLES = 4096;

/**
 * A coalescing queue in front of the batch endpoint, with at most `concurrency` requests in flight.
 *
 * Figures are absolute counters and only a room's newest ones matter, so the queue holds at most
 * one update per room: when the backend falls behind, a newer update replaces the queued one
 * (counted as `superseded`) instead of the queue growing. Memory is bounded by the number of rooms
 * and a slow backend sees fewer, never older, figures.
 *
 * A retriable failure (503 with `Retry-After`, 502/504/429, timeout, connection refused) puts the
 * batch's items back unless newer figures for their room arrived meanwhile, and pauses all sending
 * for a backoff shared by every worker: a backend that is down is not hammered `concurrency` times.
 */
export class TelemetrySender {
  readonly counters: SenderCounters = {
    sent: 0,
    accepted: 0,
    stale: 0,
    invalid: 0,
    superseded: 0,
    dropped: 0,
    batches: 0,
    failedRequests: 0,
    requeued: 0,
  };
  private readonly pending = new Map<string, TelemetryUpdateData>();
  private inFlight = 0;
  private pausedUntil = 0;
  private resumeTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private readonly latencies: number[] = [];
  private latencyIndex = 0;
  private readonly now: () => number;

  constructor(
    private readonly post: PostBatch,
    private readonly options: SenderOptions,
  ) {
    if (options.batchSize < 1 || options.batchSize > MAX_BATCH_SIZE) {
      throw new RangeError(`batchSize must be 1..${MAX_BATCH_SIZE}`);
    }
    if (options.concurrency < 1) throw new RangeError('concurrency must be at least 1');
    this.now = options.now ?? Date.now;
  }

  /** Items waiting to be sent (at most one per room). */
  get backlog(): number {
    return this.pending.size;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Queues updates, replacing any queued update of the same room, and starts sending. */
  offer(updates: readonly TelemetryUpdateData[]): void {
    for (const update of updates) {
      const key = `${update.platform}:${update.room_id}`;
      if (this.pending.delete(key)) this.counters.superseded += 1;
      this.pending.set(key, update);
    }
    this.pump();
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.pending.size === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops starting requests; those in flight finish (or are aborted by the session's signal). */
  close(): void {
    this.closed = true;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
    this.pending.clear();
    this.settleIdle();
  }

  /** Round-trip times of the most recent batches (up to 4096), in ms. */
  latencySamples(): number[] {
    return this.latencies.slice();
  }

  private pump(): void {
    if (!this.closed) this.startRequests();
    this.settleIdle();
  }

  private startRequests(): void {
    const wait = this.pausedUntil - this.now();
    if (wait > 0) {
      this.resumeTimer ??= setTimeout(() => {
        this.resumeTimer = null;
        this.pump();
      }, wait);
      return;
    }
    while (this.inFlight < this.options.concurrency && this.pending.size > 0) {
      void this.sendOne(this.take());
    }
  }

  private take(): TelemetryUpdateData[] {
    const batch: TelemetryUpdateData[] = [];
    for (const [key, update] of this.pending) {
      this.pending.delete(key);
      batch.push(update);
      if (batch.length === this.options.batchSize) break;
    }
    return batch;
  }

  private async sendOne(batch: TelemetryUpdateData[]): Promise<void> {
    this.inFlight += 1;
    const started = this.now();
    try {
      const { results } = await this.post(batch);
      this.recordLatency(this.now() - started);
      this.options.backoff.reset();
      this.counters.batches += 1;
      this.counters.sent += batch.length;
      let reportedInvalid = false;
      for (const result of results) {
        if (result.status === 'accepted') this.counters.accepted += 1;
        else if (result.status === 'stale') this.counters.stale += 1;
        else {
          this.counters.invalid += 1;
          if (!reportedInvalid) this.options.onInvalid?.(result);
          reportedInvalid = true;
        }
      }
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      if (this.closed) {
        // Aborted by close(): not the backend's fault.
        this.counters.dropped += batch.length;
        return;
      }
      this.counters.failedRequests += 1;
      if (failure instanceof RetriableError) {
        this.requeue(batch);
        this.pausedUntil = Math.max(
          this.pausedUntil,
          this.now() + this.options.backoff.next(failure.retryAfterMs),
        );
      } else {
        this.counters.dropped += batch.length;
      }
      this.options.onError?.(failure, batch.length);
    } finally {
      this.inFlight -= 1;
      this.pump();
    }
  }

  /** Puts failed items back in front, except rooms that have newer figures queued by now. */
  private requeue(batch: TelemetryUpdateData[]): void {
    const newer = new Map(this.pending);
    this.pending.clear();
    for (const update of batch) {
      const key = `${update.platform}:${update.room_id}`;
      if (newer.has(key)) {
        this.counters.superseded += 1;
        continue;
      }
      this.pending.set(key, update);
      this.counters.requeued += 1;
    }
    for (const [key, update] of newer) this.pending.set(key, update);
  }

  private recordLatency(ms: number): void {
    if (this.latencies.length < LATENCY_SAMPLES) this.latencies.push(ms);
    else this.latencies[this.latencyIndex] = ms;
    this.latencyIndex = (this.latencyIndex + 1) % LATENCY_SAMPLES;
  }

  private settleIdle(): void {
    if (this.inFlight > 0 || (this.pending.size > 0 && !this.closed)) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
