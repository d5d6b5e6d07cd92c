import { flashDirection, formatDelta, formatFigure } from './flash';

describe('flashDirection', () => {
  it('is up for an increase and down for a decrease', () => {
    expect(flashDirection(100, 125)).toBe('up');
    expect(flashDirection(125, 100)).toBe('down');
  });

  it('is null without a change, without a previous value or without a new one', () => {
    expect(flashDirection(100, 100)).toBeNull();
    expect(flashDirection(undefined, 100)).toBeNull();
    expect(flashDirection(null, 100)).toBeNull();
    expect(flashDirection(100, null)).toBeNull();
  });
});

describe('formatDelta', () => {
  it('always carries a sign and groups thousands', () => {
    expect(formatDelta(25)).toBe('+25');
    expect(formatDelta(-10)).toBe('-10');
    expect(formatDelta(1250)).toBe('+1,250');
  });
});

describe('formatFigure', () => {
  it('groups thousands and shows a dash for an unknown figure', () => {
    expect(formatFigure(1234567)).toBe('1,234,567');
    expect(formatFigure(0)).toBe('0');
    expect(formatFigure(null)).toBe('—');
  });
});
