import { DestroyRef, Injectable, inject } from '@angular/core';

interface Entry {
  readonly at: number;
  run: (() => void) | null;
}

/**
 * One timer per delay for every flash on screen, instead of two per changed figure. Figures
 * change in batches (one flush of the store starts dozens of flashes in the same millisecond), so
 * their ends fall due together and end in one task, one round of change detection, rather than in
 * a few hundred timer tasks a second on a busy screen.
 *
 * Callbacks with the same delay fall due in the order they were scheduled, so each delay keeps a
 * plain queue; a cancelled entry stays queued, emptied, until its time comes. Time is
 * `performance.now()`, which a change of the wall clock cannot move.
 */
@Injectable({ providedIn: 'root' })
export class FlashTimers {
  private readonly queues = new Map<
    number,
    { entries: Entry[]; timer: ReturnType<typeof setTimeout> | null }
  >();

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      for (const queue of this.queues.values()) if (queue.timer !== null) clearTimeout(queue.timer);
      this.queues.clear();
    });
  }

  /** Runs `run` after `delayMs`; the returned function cancels it. */
  schedule(delayMs: number, run: () => void): () => void {
    let queue = this.queues.get(delayMs);
    if (!queue) {
      queue = { entries: [], timer: null };
      this.queues.set(delayMs, queue);
    }
    const entry: Entry = { at: performance.now() + delayMs, run };
    queue.entries.push(entry);
    if (queue.timer === null) this.arm(delayMs);
    return () => {
      entry.run = null;
    };
  }

  private arm(delayMs: number): void {
    const queue = this.queues.get(delayMs);
    if (!queue || queue.entries.length === 0) return;
    const wait = Math.max(0, queue.entries[0].at - performance.now());
    queue.timer = setTimeout(() => {
      queue.timer = null;
      const now = performance.now();
      let due = 0;
      while (due < queue.entries.length && queue.entries[due].at <= now) due++;
      for (const entry of queue.entries.splice(0, due)) entry.run?.();
      this.arm(delayMs);
    }, wait);
  }
}
