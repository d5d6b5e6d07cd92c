import { createHmac } from 'node:crypto';
import type { Roster, UserView } from '@roompulse/contracts';
import { mergeRoster, MAX_SQUADS, type DemoStudio } from '../model/demo-studio';
import { Backoff, sleep } from './backoff';
import {
  ApiError,
  ApiSession,
  RetriableError,
  type ApiSessionOptions,
  type Credentials,
} from './api-session';

export interface SetupOptions {
  url: string;
  credentials: Credentials;
  studio: DemoStudio;
  /** Owner prefix of the simulator's squads and rooms (see {@link mergeRoster}). */
  prefix: string;
  /** Store the demo roster (needs an admin account). */
  roster: boolean;
  /** With an admin account, send telemetry as this `ingest` user (created if missing); null: as the admin. */
  ingestUser: string | null;
  /** Password of `ingestUser`; by default derived from the admin's credentials (see {@link ingestPassword}). */
  ingestPassword?: string;
  session: ApiSessionOptions;
  backoff: Backoff;
  /** Attempts of each step while the backend is unreachable or answers 503 (it may still be starting). */
  attempts: number;
  log: (line: string) => void;
}

export interface SetupResult {
  /** The session telemetry is sent with. */
  telemetry: ApiSession;
  signedInAs: UserView;
  /** Squads in the stored roster (ours and everybody else's), or null when no roster was stored. */
  rosterSquads: number | null;
}

/**
 * The ingest user's password when none is given: derived from the admin's credentials, so every
 * simulator started with the same admin (a benchmark runs several) shares the account instead of
 * resetting each other's password. Not guessable without the admin password.
 */
export function ingestPassword(admin: Credentials, ingestUser: string): string {
  return createHmac('sha256', `${admin.username}\n${admin.password}`)
    .update(`roompulse-simulator:${ingestUser}`)
    .digest('base64url')
    .slice(0, 32);
}

/** Runs `step` again after retriable failures, up to `attempts` times, logging each wait. */
export async function retrying<T>(
  what: string,
  step: () => Promise<T>,
  options: Pick<SetupOptions, 'backoff' | 'attempts' | 'log'> & { signal?: AbortSignal },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await step();
      options.backoff.reset();
      return result;
    } catch (error) {
      if (!(error instanceof RetriableError) || attempt >= options.attempts) throw error;
      const wait = options.backoff.next(error.retryAfterMs);
      options.log(
        `${what}: ${error.message}; retrying in ${(wait / 1000).toFixed(1)} s (attempt ${attempt + 1}/${options.attempts})`,
      );
      await sleep(wait, options.signal);
    }
  }
}

/**
 * Signs in and prepares the run: with an admin account, stores the demo roster and switches to a
 * dedicated ingest user; with an ingest account, only sends telemetry. A viewer cannot send
 * telemetry, so it is refused here with a message rather than with a stream of 403s later.
 */
export async function prepare(options: SetupOptions): Promise<SetupResult> {
  const { log } = options;
  const retry = <T>(what: string, step: () => Promise<T>) =>
    retrying(what, step, { ...options, signal: options.session.signal });
  const main = new ApiSession(options.url, options.credentials, options.session);
  const login = await retry('sign-in', () => main.signIn());
  const user = login.user;
  log(`signed in to ${options.url} as ${user.username} (${user.role})`);

  if (user.role === 'viewer') {
    throw new ApiError(
      403,
      `"${user.username}" is a viewer; telemetry needs an admin or ingest account`,
      null,
    );
  }
  if (user.role !== 'admin') {
    if (options.roster) log('the demo roster needs an admin account: not stored');
    return { telemetry: main, signedInAs: user, rosterSquads: null };
  }

  let rosterSquads: number | null = null;
  if (options.roster) {
    const current = await retry('read roster', () => main.request<Roster>('GET', 'api/roster'));
    const merged = mergeRoster(current, options.studio.squads, options.prefix);
    if (merged.squads.length > MAX_SQUADS) {
      throw new Error(
        `the roster would have ${merged.squads.length} squads (at most ${MAX_SQUADS}); use fewer --squads`,
      );
    }
    const stored = await retry('store roster', () =>
      main.request<Roster>('PUT', 'api/roster', merged),
    );
    rosterSquads = stored.squads.length;
    const rooms = options.studio.squads.reduce((n, squad) => n + squad.rooms.length, 0);
    const unassigned = options.studio.rooms.length - rooms;
    log(
      `roster stored: ${options.studio.squads.length} demo squads with ${rooms} rooms` +
        (unassigned > 0 ? ` (${unassigned} rooms unassigned: a squad holds at most 1000)` : '') +
        (merged.squads.length > options.studio.squads.length
          ? `, ${merged.squads.length - options.studio.squads.length} other squads kept`
          : ''),
    );
  }

  if (options.ingestUser === null) return { telemetry: main, signedInAs: user, rosterSquads };
  const credentials = {
    username: options.ingestUser,
    password: options.ingestPassword ?? ingestPassword(options.credentials, options.ingestUser),
  };
  const telemetry = await retry('ingest user', () => ensureIngestUser(main, credentials, options));
  log(`sending telemetry as ${credentials.username} (ingest)`);
  return { telemetry, signedInAs: user, rosterSquads };
}

/** Creates the ingest user if missing and signs in as it; resets its password if another one was set. */
async function ensureIngestUser(
  admin: ApiSession,
  credentials: Credentials,
  options: SetupOptions,
): Promise<ApiSession> {
  const create = () =>
    admin.request('POST', 'api/users', { ...credentials, role: 'ingest' }).then(
      () => true,
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 409) return false;
        throw error;
      },
    );
  const created = await create();
  const session = new ApiSession(options.url, credentials, options.session);
  try {
    await session.signIn();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || created) throw error;
    // The account exists with another password (given by hand, or derived from another admin).
    options.log(`user ${credentials.username} exists with another password: recreating it`);
    await admin.request('DELETE', `api/users/${encodeURIComponent(credentials.username)}`);
    await create();
    await session.signIn();
  }
  if (session.user?.role !== 'ingest') {
    throw new ApiError(
      409,
      `user "${credentials.username}" exists with role ${session.user?.role}; choose another --ingest-user`,
      null,
    );
  }
  return session;
}
