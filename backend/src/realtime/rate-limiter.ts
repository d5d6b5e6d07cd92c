/**
 * A socket's budget of client events: at most `capacity` events in any `windowMs`, refilled
 * continuously (a token bucket). A client that stays at the average rate never trips it; a burst
 * of `capacity` events at once is allowed.
 */
export class EventRateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Spends one event; false once the budget is used up. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.last) * this.capacity) / this.windowMs,
    );
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
