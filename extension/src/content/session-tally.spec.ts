import { SessionTally, combineFigures, sameFigures } from './session-tally';

describe(SessionTally.name, () => {
  it('knows nothing before the first event: sums are missing, not 0', () => {
    expect(new SessionTally().snapshot()).toEqual({
      live: false,
      tokens: null,
      tips: null,
      viewers: null,
      status: null,
    });
  });

  it('accumulates tokens and counts tips, each id once', () => {
    const tally = new SessionTally();
    expect(tally.apply([{ kind: 'tip', id: 'a', amount: 10, from: 'x' }])).toBe(true);
    expect(tally.apply([{ kind: 'tip', id: 'a', amount: 10, from: 'x' }])).toBe(false);
    tally.apply([{ kind: 'tip', id: 'b', amount: 15, from: null }]);
    expect(tally.snapshot()).toMatchObject({ tokens: 25, tips: 2 });
  });

  it('counts every tip that has no id', () => {
    const tally = new SessionTally();
    tally.apply([
      { kind: 'tip', id: null, amount: 5, from: 'x' },
      { kind: 'tip', id: null, amount: 5, from: 'x' },
    ]);
    expect(tally.snapshot()).toMatchObject({ tokens: 10, tips: 2 });
  });

  it('keeps the latest viewer count and reports only real changes', () => {
    const tally = new SessionTally();
    tally.apply([{ kind: 'viewers', count: 40 }]);
    expect(tally.apply([{ kind: 'viewers', count: 40 }])).toBe(false);
    expect(tally.apply([{ kind: 'viewers', count: 41 }])).toBe(true);
    expect(tally.snapshot()).toEqual({ live: true, tokens: 0, tips: 0, viewers: 41, status: null });
  });

  it('still recognises an id after thousands of other tips, within its memory', () => {
    const tally = new SessionTally();
    for (let i = 0; i < 4_000; i++)
      tally.apply([{ kind: 'tip', id: `t${i}`, amount: 1, from: null }]);
    expect(tally.apply([{ kind: 'tip', id: 't3999', amount: 1, from: null }])).toBe(false);
    expect(tally.snapshot().tokens).toBe(4_000);
  });
});

describe(combineFigures.name, () => {
  const live = { live: true, tokens: 300, tips: 4, viewers: 20, status: null };

  it('lets page figures win over message totals', () => {
    expect(combineFigures({ tokens: 1000, tips: 9, viewers: 50 }, live)).toEqual({
      values: { tokens: 1000, tips: 9, viewers: 50 },
      sources: { tokens: 'page', tips: 'page', viewers: 'page' },
      missing: [],
    });
  });

  it('falls back to the message totals figure by figure', () => {
    expect(combineFigures({ tokens: null, tips: null, viewers: 50 }, live)).toEqual({
      values: { tokens: 300, tips: 4, viewers: 50 },
      sources: { tokens: 'messages', tips: 'messages', viewers: 'page' },
      missing: [],
    });
  });

  it('reports what neither source has as missing', () => {
    const none = { live: false, tokens: null, tips: null, viewers: null, status: null };
    expect(combineFigures({ tokens: null, tips: null, viewers: 7 }, none)).toEqual({
      values: { tokens: null, tips: null, viewers: 7 },
      sources: { tokens: null, tips: null, viewers: 'page' },
      missing: ['tokens', 'tips'],
    });
  });

  it('compares figure sets by value', () => {
    expect(
      sameFigures({ tokens: 1, tips: 2, viewers: null }, { tokens: 1, tips: 2, viewers: null }),
    ).toBe(true);
    expect(
      sameFigures({ tokens: 1, tips: 2, viewers: null }, { tokens: 1, tips: 2, viewers: 0 }),
    ).toBe(false);
  });
});
