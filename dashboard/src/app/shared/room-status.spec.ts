import { DEFAULT_ROOM_STATUS_THRESHOLDS, statusByAge, thresholdsFromQuery } from './room-status';

describe('statusByAge', () => {
  const thresholds = DEFAULT_ROOM_STATUS_THRESHOLDS;

  it.each([
    [0, 'live'],
    [29_999, 'live'],
    [30_000, 'stale'],
    [299_999, 'stale'],
    [300_000, 'offline'],
    [3_600_000, 'offline'],
  ])('an age of %i ms is %s with the default thresholds (30 s, 5 min)', (age, status) => {
    expect(statusByAge(age, thresholds)).toBe(status);
  });
});

describe('thresholdsFromQuery', () => {
  it('keeps the defaults without parameters', () => {
    expect(thresholdsFromQuery('')).toEqual({ staleAfterMs: 30_000, offlineAfterMs: 300_000 });
  });

  it('reads seconds from staleAfter and offlineAfter', () => {
    expect(thresholdsFromQuery('?staleAfter=3&offlineAfter=10')).toEqual({
      staleAfterMs: 3000,
      offlineAfterMs: 10_000,
    });
  });

  it('accepts fractions of a second', () => {
    expect(thresholdsFromQuery('?staleAfter=1.5').staleAfterMs).toBe(1500);
  });

  it.each(['abc', '-5', '0', ''])('ignores staleAfter=%p', (value) => {
    expect(thresholdsFromQuery(`?staleAfter=${value}`).staleAfterMs).toBe(30_000);
  });

  it('never puts offline before stale', () => {
    expect(thresholdsFromQuery('?staleAfter=600')).toEqual({
      staleAfterMs: 600_000,
      offlineAfterMs: 600_000,
    });
  });
});
