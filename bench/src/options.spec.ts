import { DEFAULT_OPTIONS, parseArgs, UsageError } from './options';

describe(parseArgs.name, () => {
  it('runs every benchmark at full scale by default', () => {
    expect(parseArgs([])).toEqual(DEFAULT_OPTIONS);
  });

  it('picks benchmarks and scales them', () => {
    expect(
      parseArgs(['--only', 'b3,B1', '--scale=0.5', '--clients', '100,500', '--duration', '5']),
    ).toMatchObject({
      only: ['B1', 'B3'],
      scale: 0.5,
      clients: [100, 500],
      durationSeconds: 5,
    });
  });

  it('makes a smoke run small unless told otherwise', () => {
    expect(parseArgs(['--smoke'])).toMatchObject({ smoke: true, scale: 0.05, clients: [100] });
    expect(parseArgs(['--smoke', '--scale', '0.2'])).toMatchObject({ scale: 0.2 });
  });

  it.each([
    [['--only', 'B9'], /--only/],
    [['--scale', '0'], /--scale/],
    [['--duration'], /--duration/],
    [['--frobnicate'], /unknown option/],
  ])('refuses %p naming the option', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('answers help', () => {
    expect(parseArgs(['--help'])).toBe('help');
  });
});
