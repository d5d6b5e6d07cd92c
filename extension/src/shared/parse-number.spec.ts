import { parseCount, toCount } from './parse-number';

describe(parseCount.name, () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['  42 ', 42],
    ['1,234', 1234],
    ['1.234', 1234],
    ['12 345', 12345],
    ['1\u00a0234', 1234],
    ['1\u202f234\u202f567', 1234567],
    ['1 234 tk', 1234],
    ['87 tokens', 87],
    ['1,234 viewers', 1234],
    ['1.2k', 1200],
    ['1,5K', 1500],
    ['12k', 12000],
    ['1.25k', 1250],
    ['3M', 3_000_000],
    ['2.5 M', 2_500_000],
    ['1.2k viewers', 1200],
    ['1,000,000,000', 1_000_000_000],
  ])('reads %p as %p', (raw, expected) => {
    expect(parseCount(raw)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['—'],
    ['abc'],
    ['-5'],
    ['1,23'],
    ['1,2345'],
    ['12 34'],
    ['1,234.5'],
    ['1.234,567'],
    ['12.5'],
    ['1.2.3k'],
    ['k'],
    ['1,000,000,001'],
    ['5 apples'],
  ])('rejects %p as missing (null), never 0', (raw) => {
    expect(parseCount(raw)).toBeNull();
  });

  it('treats null and undefined as missing', () => {
    expect(parseCount(null)).toBeNull();
    expect(parseCount(undefined)).toBeNull();
  });
});

describe(toCount.name, () => {
  it('accepts non-negative integers and count strings', () => {
    expect(toCount(25)).toBe(25);
    expect(toCount('1,500')).toBe(1500);
  });

  it('rejects fractions, negatives, and other types', () => {
    expect(toCount(2.5)).toBeNull();
    expect(toCount(-1)).toBeNull();
    expect(toCount(null)).toBeNull();
    expect(toCount({ amount: 5 })).toBeNull();
  });
});
