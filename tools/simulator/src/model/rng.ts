/**
 * A source of uniform numbers in [0, 1). `Math.random` fits; tests and benchmarks pass
 * {@link seededRng} so that a run can be repeated exactly.
 */
export type Rng = () => number;

/** mulberry32: 32 bits of state, fast, and the same sequence for a seed on every platform. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream derived from `seed`, so adding draws to one part does not shift another. */
export function deriveSeed(seed: number, stream: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(stream, 0xc2b2ae35)) >>> 0;
}

export function between(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** An integer from `min` to `max`, both included. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return Math.floor(between(rng, min, max + 1));
}

export function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

/** Standard normal (Box–Muller). */
export function gaussian(rng: Rng): number {
  const u = 1 - rng(); // (0, 1], so log() stays finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Exponentially distributed with the given mean: waiting times between independent events. */
export function exponential(rng: Rng, mean: number): number {
  return -Math.log(1 - rng()) * mean;
}

/** Number of events in an interval where `mean` are expected (Knuth; normal approximation above 30). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
  const limit = Math.exp(-mean);
  let count = 0;
  let product = rng();
  while (product > limit) {
    count += 1;
    product *= rng();
  }
  return count;
}

/** One item, drawn with probability proportional to its weight. */
export function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let point = rng() * total;
  for (const [item, weight] of items) {
    point -= weight;
    if (point < 0) return item;
  }
  return items[items.length - 1][0];
}
