import { MAX_SAMPLES_PER_ROOM, appendSample, heatLevel, tokensPerMinute } from './activity';

const MINUTE = 60_000;
const WINDOW = 5 * MINUTE;

describe('tokensPerMinute', () => {
  it('is 0 with fewer than two samples in the window', () => {
    expect(tokensPerMinute([], 0, WINDOW)).toBe(0);
    expect(tokensPerMinute([{ at: 0, tokens: 100 }], MINUTE, WINDOW)).toBe(0);
  });

  it('divides the tokens earned by the minutes since the first sample', () => {
    const samples = [
      { at: 0, tokens: 100 },
      { at: MINUTE, tokens: 160 },
      { at: 2 * MINUTE, tokens: 400 },
    ];
    expect(tokensPerMinute(samples, 3 * MINUTE, WINDOW)).toBe(100);
  });

  it('counts at least one minute, so a jump just seen is not an absurd rate', () => {
    const samples = [
      { at: 0, tokens: 0 },
      { at: 5000, tokens: 50 },
    ];
    expect(tokensPerMinute(samples, 5000, WINDOW)).toBe(50);
  });

  it('does not count a counter reset as negative earnings', () => {
    const samples = [
      { at: 0, tokens: 900 },
      { at: MINUTE, tokens: 0 },
      { at: 2 * MINUTE, tokens: 200 },
    ];
    expect(tokensPerMinute(samples, 2 * MINUTE, WINDOW)).toBe(100);
  });

  it('counts a sample slightly ahead of the once-a-second clock', () => {
    const samples = [
      { at: 0, tokens: 0 },
      { at: 2 * MINUTE + 400, tokens: 200 },
    ];
    expect(tokensPerMinute(samples, 2 * MINUTE, WINDOW)).toBeCloseTo(200 / (2 + 400 / MINUTE), 6);
  });

  it('cools down to 0 once the samples leave the window', () => {
    const samples = [
      { at: 0, tokens: 0 },
      { at: MINUTE, tokens: 500 },
    ];
    expect(tokensPerMinute(samples, WINDOW + MINUTE + 1, WINDOW)).toBe(0);
  });
});

describe('appendSample', () => {
  it('skips a sample whose counter did not change', () => {
    const samples = [{ at: 0, tokens: 5 }];
    expect(appendSample(samples, { at: 1000, tokens: 5 }, WINDOW)).toBe(samples);
  });

  it('drops samples older than the window', () => {
    const samples = [
      { at: 0, tokens: 1 },
      { at: 4 * MINUTE, tokens: 2 },
    ];
    expect(appendSample(samples, { at: 6 * MINUTE, tokens: 3 }, WINDOW)).toEqual([
      { at: 4 * MINUTE, tokens: 2 },
      { at: 6 * MINUTE, tokens: 3 },
    ]);
  });

  it(`keeps at most ${MAX_SAMPLES_PER_ROOM} samples, the most recent`, () => {
    let samples: readonly { at: number; tokens: number }[] = [];
    for (let i = 0; i < MAX_SAMPLES_PER_ROOM + 10; i++)
      samples = appendSample(samples, { at: i, tokens: i }, WINDOW);
    expect(samples).toHaveLength(MAX_SAMPLES_PER_ROOM);
    expect(samples.at(-1)).toEqual({
      at: MAX_SAMPLES_PER_ROOM + 9,
      tokens: MAX_SAMPLES_PER_ROOM + 9,
    });
  });
});

describe('heatLevel', () => {
  it('is 0 for an idle room and 5 for the busiest', () => {
    expect(heatLevel(0, 200)).toBe(0);
    expect(heatLevel(200, 200)).toBe(5);
  });

  it('scales between, relative to the busiest room', () => {
    expect(heatLevel(1, 200)).toBe(1);
    expect(heatLevel(100, 200)).toBe(3);
    expect(heatLevel(150, 200)).toBe(4);
  });

  it('does not make a quiet room hot just because every room is quiet', () => {
    expect(heatLevel(2, 2)).toBe(1);
  });
});
