import { EventRateLimiter } from './rate-limiter';

describe(EventRateLimiter.name, () => {
  it('allows `capacity` events at once and refuses the next', () => {
    const now = 1_000_000;
    const limiter = new EventRateLimiter(3, 10_000, () => now);
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('refills at capacity per window, never above capacity', () => {
    let now = 0;
    const limiter = new EventRateLimiter(10, 10_000, () => now);
    for (let i = 0; i < 10; i++) limiter.take();
    expect(limiter.take()).toBe(false);
    now += 1_000; // one event's worth
    expect([limiter.take(), limiter.take()]).toEqual([true, false]);
    now += 60_000;
    expect(Array.from({ length: 11 }, () => limiter.take()).filter(Boolean)).toHaveLength(10);
  });

  it('never trips a client that stays at the average rate', () => {
    let now = 0;
    const limiter = new EventRateLimiter(5, 10_000, () => now);
    for (let i = 0; i < 100; i++) {
      expect(limiter.take()).toBe(true);
      now += 2_000;
    }
  });
});
