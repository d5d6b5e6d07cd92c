import { resolveOptions } from '../options';
import { parseCommandLine } from './run-cli';

/** parseCommandLine, for argument lists that are not --help. */
function parse(argv: string[], env: Record<string, string> = {}) {
  const input = parseCommandLine(argv, env);
  if (input === null) throw new Error('unexpected --help');
  return input;
}

describe('parseCommandLine', () => {
  it('reads the options of `npm run simulate`', () => {
    const input = parse(
      [
        '--url',
        'http://localhost:3000',
        '--rooms',
        '40',
        '--squads',
        '5',
        '--interval',
        '5',
        '--username',
        'admin',
        '--password',
        'pw-123456',
      ],
      {},
    );
    expect(resolveOptions(input)).toMatchObject({
      url: 'http://localhost:3000',
      rooms: 40,
      squads: 5,
      intervalSeconds: 5,
      username: 'admin',
      password: 'pw-123456',
      ingestUser: 'sim-ingest',
      roster: true,
      churn: true,
    });
  });

  it('takes URL and credentials from the environment, options first', () => {
    const env = {
      ROOMPULSE_URL: 'http://rp:3000',
      ROOMPULSE_USERNAME: 'ingest-1',
      ROOMPULSE_PASSWORD: 'secret-pw',
      ROOMPULSE_INGEST_PASSWORD: 'ingest-pw',
    };
    expect(parseCommandLine([], env)).toMatchObject({
      url: 'http://rp:3000',
      username: 'ingest-1',
      password: 'secret-pw',
      ingestPassword: 'ingest-pw',
    });
    expect(parseCommandLine(['--username', 'other'], env)).toMatchObject({ username: 'other' });
  });

  it('turns off roster, churn and the ingest user', () => {
    const input = parse(
      ['--no-roster', '--no-churn', '--no-ingest-user', '--prefix', 'bench1', '--duration', '30'],
      {
        ROOMPULSE_USERNAME: 'a',
        ROOMPULSE_PASSWORD: 'b',
      },
    );
    expect(resolveOptions(input)).toMatchObject({
      roster: false,
      churn: false,
      ingestUser: null,
      prefix: 'bench1',
      durationSeconds: 30,
    });
  });

  it('returns null for --help', () => {
    expect(parseCommandLine(['--help'], {})).toBeNull();
  });

  it('names the option at fault', () => {
    const env = { ROOMPULSE_USERNAME: 'a', ROOMPULSE_PASSWORD: 'b' };
    expect(() => parseCommandLine(['--rooms', 'many'], env)).toThrow(
      'rooms must be a number (got "many")',
    );
    expect(() => resolveOptions(parse(['--rooms', '0'], env))).toThrow(
      'rooms must be an integer from 1 to 100000 (got 0)',
    );
    expect(() => resolveOptions(parse(['--batch-size', '501'], env))).toThrow(
      'batch-size must be an integer from 1 to 500',
    );
    expect(() => resolveOptions(parse(['--interval', '0'], env))).toThrow(
      'interval must be a number from 0.05 to 3600',
    );
    expect(() => resolveOptions(parse(['--url', 'ftp://x'], env))).toThrow(
      'url must be http:// or https://',
    );
    expect(() => resolveOptions(parse(['--prefix', 'a.b'], env))).toThrow(
      'prefix must be a letter',
    );
    expect(() => resolveOptions(parse([], {}))).toThrow(
      'username is required (or ROOMPULSE_USERNAME)',
    );
    expect(() => parseCommandLine(['--bogus'], env)).toThrow("Unknown option '--bogus'");
    expect(() => parseCommandLine(['--ingest-user', 'x1y', '--no-ingest-user'], env)).toThrow(
      'exclude each other',
    );
  });
});
