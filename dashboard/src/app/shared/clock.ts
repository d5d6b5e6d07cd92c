import { DestroyRef, Injectable, inject, signal, type Signal } from '@angular/core';

/**
 * Wall-clock time as a signal that ticks once a second, so that anything derived from "how long
 * ago" (status badges, activity) changes by itself without new data. Tests provide a fake.
 */
@Injectable({ providedIn: 'root', useFactory: () => new SystemClock() })
export abstract class Clock {
  /** Unix ms, updated every {@link SystemClock.TICK_MS}. */
  abstract readonly now: Signal<number>;
}

export class SystemClock extends Clock {
  static readonly TICK_MS = 1000;

  private readonly nowState = signal(Date.now());
  readonly now = this.nowState.asReadonly();

  constructor() {
    super();
    const timer = setInterval(() => this.nowState.set(Date.now()), SystemClock.TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
