export type FlashDirection = 'up' | 'down';

/** How long a changed figure's cell carries `flash-up`/`flash-down` (the colour fades over it). */
export const FLASH_MS = 600;
/** How long the delta (`+25`) stays next to a changed figure. */
export const DELTA_MS = 1500;

/** Which way a figure moved; null when there was no previous value, no new one, or no change. */
export function flashDirection(
  previous: number | null | undefined,
  next: number | null | undefined,
): FlashDirection | null {
  if (previous === null || previous === undefined || next === null || next === undefined)
    return null;
  if (next === previous) return null;
  return next > previous ? 'up' : 'down';
}

const DELTA_FORMAT = new Intl.NumberFormat('en-US', { signDisplay: 'exceptZero' });
const VALUE_FORMAT = new Intl.NumberFormat('en-US');

/** `+25`, `-1,250`: always signed, grouped like the figures. */
export function formatDelta(delta: number): string {
  return DELTA_FORMAT.format(delta);
}

export function formatFigure(value: number | null): string {
  return value === null ? '—' : VALUE_FORMAT.format(value);
}
