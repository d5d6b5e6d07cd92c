import { MAX_BATCH_SIZE } from '@roompulse/contracts';
import { MAX_SQUADS } from './model/demo-studio';

export interface SimulatorOptions {
  /** Base URL of the backend (or of nginx in front of it), e.g. `http://localhost:3000`. */
  url: string;
  username: string;
  password: string;
  rooms: number;
  squads: number;
  /** Seconds between two rounds; every live room sends one update per round. */
  intervalSeconds: number;
  /** Batch requests in flight at once. */
  concurrency: number;
  /** Updates per batch request, at most 500. */
  batchSize: number;
  /** Same seed, same rooms, squads and figures. */
  seed: number;
  /** Starts every simulated room id and squad id (`sim-luna_sky`, `sim-aurora`). */
  prefix: string;
  /** Store the demo roster (admin accounts only); other owners' squads are kept. */
  roster: boolean;
  /** With an admin account, send telemetry as this ingest user (created if missing); null: as the admin. */
  ingestUser: string | null;
  /** Password of the ingest user; by default derived from the admin's credentials. */
  ingestPassword?: string;
  /** Rooms go offline and come back; false keeps every room live (steady load for benchmarks). */
  churn: boolean;
  /** Mean live session and mean pause between sessions, in minutes. */
  sessionMinutes: number;
  breakMinutes: number;
  /** Stop by itself after this many seconds; null: run until stopped. */
  durationSeconds: number | null;
  /** Seconds between two progress lines; 0 turns them off. */
  logEverySeconds: number;
  /** Limit of one HTTP request, in ms. */
  requestTimeoutMs: number;
  /** Attempts of each setup step (sign-in, roster) while the backend is unreachable or answers 503. */
  setupAttempts: number;
  /** Where progress lines go. */
  log: (line: string) => void;
  /** Current time in Unix ms: the model's timestamps and the pacing of rounds. */
  clock: () => number;
  fetch?: typeof fetch;
}

export type SimulatorInput = Pick<SimulatorOptions, 'url' | 'username' | 'password'> &
  Partial<SimulatorOptions>;

export const DEFAULTS = {
  rooms: 40,
  squads: 5,
  intervalSeconds: 5,
  concurrency: 4,
  batchSize: MAX_BATCH_SIZE,
  seed: 1,
  prefix: 'sim',
  roster: true,
  churn: true,
  sessionMinutes: 45,
  breakMinutes: 15,
  durationSeconds: null,
  logEverySeconds: 10,
  requestTimeoutMs: 15_000,
  setupAttempts: 8,
} as const;

/** A bad option; the message names it. */
export class OptionError extends Error {
  constructor(
    readonly option: string,
    reason: string,
  ) {
    super(`${option} ${reason}`);
    this.name = 'OptionError';
  }
}

const PREFIX_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,23}$/;

function checkNumber(
  option: string,
  value: number,
  min: number,
  max: number,
  integer = true,
): number {
  if (
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new OptionError(
      option,
      `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max} (got ${value})`,
    );
  }
  return value;
}

/** Fills in defaults and checks every option, throwing {@link OptionError} on the first bad one. */
export function resolveOptions(input: SimulatorInput): SimulatorOptions {
  const options: SimulatorOptions = {
    ...DEFAULTS,
    log: (line) => console.log(line),
    clock: Date.now,
    ...stripUndefined(input),
    url: input.url,
    username: input.username,
    password: input.password,
    ingestUser:
      input.ingestUser === undefined
        ? `${input.prefix ?? DEFAULTS.prefix}-ingest`
        : input.ingestUser,
  };
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new OptionError('url', `is not a URL (got "${options.url}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OptionError('url', `must be http:// or https:// (got ${url.protocol}//)`);
  }
  if (!options.username) throw new OptionError('username', 'is required (or ROOMPULSE_USERNAME)');
  if (!options.password) throw new OptionError('password', 'is required (or ROOMPULSE_PASSWORD)');
  checkNumber('rooms', options.rooms, 1, 100_000);
  checkNumber('squads', options.squads, 0, MAX_SQUADS);
  checkNumber('interval', options.intervalSeconds, 0.05, 3600, false);
  checkNumber('concurrency', options.concurrency, 1, 64);
  checkNumber('batch-size', options.batchSize, 1, MAX_BATCH_SIZE);
  checkNumber('seed', options.seed, 0, 2 ** 32 - 1);
  checkNumber('session-minutes', options.sessionMinutes, 1, 24 * 60, false);
  checkNumber('break-minutes', options.breakMinutes, 0.1, 24 * 60, false);
  if (options.durationSeconds !== null)
    checkNumber('duration', options.durationSeconds, 0.1, 30 * 86400, false);
  checkNumber('log-every', options.logEverySeconds, 0, 3600, false);
  checkNumber('timeout', options.requestTimeoutMs, 100, 600_000);
  checkNumber('setup-attempts', options.setupAttempts, 1, 100);
  if (!PREFIX_PATTERN.test(options.prefix)) {
    throw new OptionError(
      'prefix',
      `must be a letter then up to 23 of A-Z, a-z, 0-9, _ - (got "${options.prefix}")`,
    );
  }
  // The ingest user's name is checked by the backend (POST /api/users answers which rule it breaks):
  // USERNAME_PATTERN lives beside decorated DTOs, which the bundle leaves out.
  return options;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
