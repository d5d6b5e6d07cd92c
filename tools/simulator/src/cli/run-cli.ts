import { parseArgs } from 'node:util';
import { DEFAULTS, OptionError, type SimulatorInput } from '../options';
import { startSimulator } from '../simulator';

export const USAGE = `Usage: node dist/simulator/main.js --url http://localhost:3000 [options]
       npm run simulate -- --url http://localhost:3000 --rooms 40 --squads 5 --interval 5

Signs in to a RoomPulse backend and sends realistic telemetry for simulated rooms through the
batch API until stopped (Ctrl-C / SIGTERM) or --duration has passed.

  --url URL              backend or proxy base URL (ROOMPULSE_URL)                [http://localhost:3000]
  --username NAME        admin or ingest account (ROOMPULSE_USERNAME)
  --password PASSWORD    its password (ROOMPULSE_PASSWORD; prefer the variable: argv is public)
  --rooms N              simulated rooms                                          [${DEFAULTS.rooms}]
  --squads N             demo squads in the roster (0: none)                      [${DEFAULTS.squads}]
  --interval SECONDS     time between rounds; each live room sends once a round   [${DEFAULTS.intervalSeconds}]
  --concurrency N        batch requests in flight                                 [${DEFAULTS.concurrency}]
  --batch-size N         updates per request, at most 500                         [${DEFAULTS.batchSize}]
  --seed N               same seed, same rooms and figures                        [${DEFAULTS.seed}]
  --prefix TEXT          start of every simulated room and squad id               [${DEFAULTS.prefix}]
  --ingest-user NAME     with an admin account, send as this ingest user,
                         created if missing (ROOMPULSE_INGEST_PASSWORD sets its
                         password; default: derived from the admin's)            [<prefix>-ingest]
  --no-ingest-user       send telemetry as the admin account itself
  --no-roster            do not store the demo roster
  --no-churn             keep every room live (steady load for benchmarks)
  --session-minutes N    mean live session                                        [${DEFAULTS.sessionMinutes}]
  --break-minutes N      mean pause between sessions                              [${DEFAULTS.breakMinutes}]
  --duration SECONDS     stop after this long                                     [until stopped]
  --log-every SECONDS    progress line interval (0: none)                         [${DEFAULTS.logEverySeconds}]
  --timeout MS           limit of one HTTP request                                [${DEFAULTS.requestTimeoutMs}]
  --help                 this text
`;

type Env = Record<string, string | undefined>;

function number(option: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || Number.isNaN(value))
    throw new OptionError(option, `must be a number (got "${raw}")`);
  return value;
}

/** Command-line arguments and environment → options for {@link startSimulator}; null for --help. */
export function parseCommandLine(argv: string[], env: Env): SimulatorInput | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        rooms: { type: 'string' },
        squads: { type: 'string' },
        interval: { type: 'string' },
        concurrency: { type: 'string' },
        'batch-size': { type: 'string' },
        seed: { type: 'string' },
        prefix: { type: 'string' },
        'ingest-user': { type: 'string' },
        'no-ingest-user': { type: 'boolean' },
        'no-roster': { type: 'boolean' },
        'no-churn': { type: 'boolean' },
        'session-minutes': { type: 'string' },
        'break-minutes': { type: 'string' },
        duration: { type: 'string' },
        'log-every': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new OptionError('arguments:', error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  if (v.help) return null;
  if (v['ingest-user'] !== undefined && v['no-ingest-user']) {
    throw new OptionError('ingest-user', 'and --no-ingest-user exclude each other');
  }
  return {
    url: v.url ?? env['ROOMPULSE_URL'] ?? 'http://localhost:3000',
    username: v.username ?? env['ROOMPULSE_USERNAME'] ?? '',
    password: v.password ?? env['ROOMPULSE_PASSWORD'] ?? '',
    rooms: number('rooms', v.rooms),
    squads: number('squads', v.squads),
    intervalSeconds: number('interval', v.interval),
    concurrency: number('concurrency', v.concurrency),
    batchSize: number('batch-size', v['batch-size']),
    seed: number('seed', v.seed),
    prefix: v.prefix,
    ingestUser: v['no-ingest-user'] ? null : v['ingest-user'],
    ingestPassword: env['ROOMPULSE_INGEST_PASSWORD'] || undefined,
    roster: v['no-roster'] ? false : undefined,
    churn: v['no-churn'] ? false : undefined,
    sessionMinutes: number('session-minutes', v['session-minutes']),
    breakMinutes: number('break-minutes', v['break-minutes']),
    durationSeconds: number('duration', v.duration),
    logEverySeconds: number('log-every', v['log-every']),
    requestTimeoutMs: number('timeout', v.timeout),
  };
}

/** `--rooms must be …`: options named as they are typed. */
function describeOptionError(error: unknown): string {
  if (!(error instanceof OptionError))
    return error instanceof Error ? error.message : String(error);
  return error.option.endsWith(':') ? error.message : `--${error.message}`;
}

function timestamped(line: string): void {
  process.stdout.write(`${new Date().toISOString()} simulator: ${line}\n`);
}

/**
 * The `node dist/simulator/main.js` process: exit 0 after a clean stop (SIGINT, SIGTERM or
 * --duration), 1 when setup fails, 2 for bad arguments. A second signal exits at once.
 */
export async function runCli(argv: string[], env: Env): Promise<number> {
  let input: SimulatorInput | null;
  try {
    input = parseCommandLine(argv, env);
  } catch (error) {
    process.stderr.write(`simulator: ${describeOptionError(error)}\n\n${USAGE}`);
    return 2;
  }
  if (input === null) {
    process.stdout.write(USAGE);
    return 0;
  }
  let signals = 0;
  let stopRequested: (() => void) | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) process.exit(130);
    timestamped(`${signal}: stopping (again to quit at once)`);
    stopRequested?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const simulator = await startSimulator({ ...input, log: timestamped });
    stopRequested = () => void simulator.stop();
    if (signals > 0) stopRequested();
    await simulator.finished;
    return 0;
  } catch (error) {
    if (error instanceof OptionError) {
      process.stderr.write(`simulator: ${describeOptionError(error)}\n\n${USAGE}`);
      return 2;
    }
    if (signals > 0) return 0;
    process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
