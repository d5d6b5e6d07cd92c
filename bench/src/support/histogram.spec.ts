import { Histogram, median } from './histogram';

describe(Histogram.name, () => {
  it('summarises latencies to 0.1 ms', () => {
    const histogram = new Histogram();
    for (let ms = 1; ms <= 100; ms++) histogram.record(ms);
    expect(histogram.summary()).toEqual({
      count: 100,
      mean: 50.5,
      p50: expect.closeTo(50.1, 5),
      p90: expect.closeTo(90.1, 5),
      p99: expect.closeTo(99.1, 5),
      max: 100,
    });
  });

  it('merges what other processes measured', () => {
    const a = new Histogram();
    const b = new Histogram();
    a.record(5);
    b.record(15);
    b.record(25);
    a.merge(b.toData());
    expect(a.summary()).toMatchObject({ count: 3, max: 25 });
    expect(a.percentile(50)).toBeCloseTo(15.1, 5);
  });

  it('says NaN when empty', () => {
    expect(new Histogram().summary().p99).toBeNaN();
    expect(median([])).toBeNaN();
    expect(median([3, 1, 2])).toBe(2);
  });
});
