import { InjectionToken } from '@angular/core';

/** A room's token counter at one moment (server clock, Unix ms). */
export interface TokenSample {
  at: number;
  tokens: number;
}

/** How far back the heat map looks when it rates a room's activity. */
export const ACTIVITY_WINDOW_MS = new InjectionToken<number>('ACTIVITY_WINDOW_MS', {
  providedIn: 'root',
  factory: () => 5 * 60_000,
});

/** Samples kept per room at most; a busy room keeps its most recent ones. */
export const MAX_SAMPLES_PER_ROOM = 64;

/** Adds a sample when the counter changed (or is the first), dropping what left the window. */
export function appendSample(
  samples: readonly TokenSample[],
  sample: TokenSample,
  windowMs: number,
): readonly TokenSample[] {
  const last = samples.at(-1);
  if (last && last.tokens === sample.tokens) return samples;
  const kept = samples.filter((s) => s.at >= sample.at - windowMs);
  kept.push(sample);
  return kept.length > MAX_SAMPLES_PER_ROOM ? kept.slice(-MAX_SAMPLES_PER_ROOM) : kept;
}

/**
 * Tokens earned per minute over the window ending at `now`, from the samples seen: the sum of the
 * increases between consecutive samples (a counter reset does not count as negative earnings),
 * divided by the time since the first sample in the window, at least one minute so that a single
 * early jump does not read as a huge rate. Falls to 0 as the samples age out of the window.
 */
export function tokensPerMinute(
  samples: readonly TokenSample[],
  now: number,
  windowMs: number,
): number {
  // `now` ticks once a second, so the newest sample may be slightly ahead of it: keep it.
  const inWindow = samples.filter((s) => s.at >= now - windowMs);
  if (inWindow.length < 2) return 0;
  let earned = 0;
  for (let i = 1; i < inWindow.length; i++) {
    earned += Math.max(0, inWindow[i].tokens - inWindow[i - 1].tokens);
  }
  const end = Math.max(now, inWindow[inWindow.length - 1].at);
  const minutes = Math.max(1, (end - inWindow[0].at) / 60_000);
  return earned / minutes;
}

/** Heat levels of the map, 0 (idle) to {@link MAX_HEAT_LEVEL} (busiest). */
export const MAX_HEAT_LEVEL = 5;

/**
 * A room's heat relative to the busiest room on screen (but never hotter than its own rate
 * warrants: the scale starts at `floorPerMinute`, so a quiet evening does not look on fire).
 */
export function heatLevel(rate: number, busiestRate: number, floorPerMinute = 10): number {
  if (rate <= 0) return 0;
  const scale = Math.max(busiestRate, floorPerMinute);
  return Math.min(MAX_HEAT_LEVEL, 1 + Math.floor(((MAX_HEAT_LEVEL - 1) * rate) / scale));
}
