import { setTimeout as delay } from 'node:timers/promises';
import type { Rng } from '../model/rng';

/**
 * Exponential backoff with "equal jitter": after n consecutive failures the wait is between half
 * and all of `baseMs · 2^n`, capped at `maxMs`. A server's `Retry-After` is a floor (itself capped
 * at a minute), so a backend that says "come back in 5 s" is not asked again sooner.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly rng: Rng,
    private readonly baseMs = 250,
    private readonly maxMs = 15_000,
  ) {}

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Records a failure and returns how long to wait before the next attempt, in ms. */
  next(retryAfterMs: number | null = null): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    const wait = ceiling / 2 + (this.rng() * ceiling) / 2;
    return Math.round(Math.max(wait, Math.min(retryAfterMs ?? 0, 60_000)));
  }

  reset(): void {
    this.failures = 0;
  }
}

/** Waits `ms`; rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal });
}
