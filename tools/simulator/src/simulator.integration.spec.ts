import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type {
  RoomsResponse,
  Roster,
  StoredTelemetry,
  UserListResponse,
} from '@roompulse/contracts';
import { startSimulator } from './simulator';
import { BackendProcess, ROOT } from '@roompulse/test-support';

const SIMULATOR_MAIN = join(ROOT, 'dist/simulator/main.js');

async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A GET as the backend's admin, parsed. */
async function adminGet<T>(backend: BackendProcess, path: string): Promise<T> {
  const login = await fetch(`${backend.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(backend.admin),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  const response = await fetch(`${backend.url}${path}`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

function figures(room: Pick<StoredTelemetry, 'tokens_count' | 'tips_count' | 'viewers_count'>) {
  return { tokens: room.tokens_count, tips: room.tips_count, viewers: room.viewers_count };
}

describe('simulator against the real backend (dist/backend/main.js on Redis)', () => {
  let backend: BackendProcess;
  const logs: string[] = [];

  beforeAll(async () => {
    backend = await new BackendProcess().start();
  });
  afterAll(async () => {
    await backend?.dispose();
  });

  it('signs in, stores the roster, and its rooms show up in GET /api/tracking/rooms with the figures it sent', async () => {
    const sim = await startSimulator({
      url: backend.url,
      ...backend.admin,
      rooms: 40,
      squads: 5,
      intervalSeconds: 0.5,
      seed: 11,
      logEverySeconds: 0,
      log: (line) => logs.push(line),
    });
    await until(() => sim.stats().ticks >= 3 && sim.stats().backlog === 0);
    const stats = await sim.stop();
    expect(stats).toMatchObject({ invalid: 0, failedRequests: 0, dropped: 0 });
    expect(stats.accepted).toBe(stats.sent);
    expect(stats.sent).toBeGreaterThanOrEqual(3 * stats.roomsLive);

    const { rooms } = await adminGet<RoomsResponse>(backend, '/api/tracking/rooms');
    const stored = new Map(rooms.map((r) => [`${r.platform}:${r.room_id}`, r]));
    const live = sim.view().filter((r) => r.live);
    expect(live.length).toBeGreaterThan(15);
    const expected = live.map((room) => ({
      room: room.room_id,
      tokens: room.tokens,
      tips: room.tips,
      viewers: room.viewers,
    }));
    const actual = live.map((room) => {
      const found = stored.get(`${room.platform}:${room.room_id}`);
      return found
        ? { room: room.room_id, ...figures(found) }
        : { room: room.room_id, missing: true };
    });
    expect(actual).toEqual(expected);
    expect(rooms.filter((r) => r.room_id.startsWith('sim-')).length).toBeGreaterThanOrEqual(
      live.length,
    );

    const roster = await adminGet<Roster>(backend, '/api/roster');
    expect(roster.squads).toEqual(sim.squads);
    expect(roster.squads.map((s) => s.name)).toEqual([
      'Aurora',
      'Borealis',
      'Cobalt',
      'Dahlia',
      'Ember',
    ]);
    expect(roster.squads.flatMap((s) => s.rooms)).toHaveLength(40);

    const { users } = await adminGet<UserListResponse>(backend, '/api/users');
    expect(users).toContainEqual({ username: 'sim-ingest', role: 'ingest' });
  });

  it('sends 2,000 rooms a round through the batch API (4 batches of ≤500) with every update accepted', async () => {
    const sim = await startSimulator({
      url: backend.url,
      ...backend.admin,
      rooms: 2000,
      squads: 0,
      roster: false,
      churn: false,
      prefix: 'scale',
      intervalSeconds: 1,
      logEverySeconds: 0,
      log: (line) => logs.push(line),
    });
    await until(
      () => sim.stats().ticks >= 3 && sim.stats().backlog === 0 && sim.stats().inFlight === 0,
    );
    const stats = await sim.stop();
    expect(stats).toMatchObject({ invalid: 0, failedRequests: 0, dropped: 0, stale: 0 });
    expect(stats.sent).toBeGreaterThanOrEqual(6000);
    expect(stats.batches).toBeGreaterThanOrEqual(12);
    const { rooms } = await adminGet<RoomsResponse>(backend, '/api/tracking/rooms');
    expect(rooms.filter((r) => r.room_id.startsWith('scale-'))).toHaveLength(2000);
  });

  it('runs as `node dist/simulator/main.js`, logs progress and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        SIMULATOR_MAIN,
        '--url',
        backend.url,
        '--rooms',
        '12',
        '--squads',
        '2',
        '--interval',
        '0.5',
        '--prefix',
        'cli',
        '--log-every',
        '1',
      ],
      {
        env: {
          PATH: process.env['PATH'],
          ROOMPULSE_USERNAME: backend.admin.username,
          ROOMPULSE_PASSWORD: backend.admin.password,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    await until(() => /rooms live · [\d.]+ updates\/s/.test(output));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain(
      `simulator: signed in to ${backend.url} as ${backend.admin.username} (admin)`,
    );
    expect(output).toMatch(/simulator: SIGTERM: stopping/);
    expect(output).toMatch(/simulator: stopped after [\d.]+ s: \d+ updates sent .* 0 invalid/);
    const { rooms } = await adminGet<RoomsResponse>(backend, '/api/tracking/rooms');
    expect(rooms.filter((r) => r.room_id.startsWith('cli-')).length).toBeGreaterThan(0);
    const roster = await adminGet<Roster>(backend, '/api/roster');
    // The CLI run replaced only its own squads: the first test's `sim-` squads are still there.
    expect(roster.squads.map((s) => s.id)).toEqual([
      'sim-aurora',
      'sim-borealis',
      'sim-cobalt',
      'sim-dahlia',
      'sim-ember',
      'cli-aurora',
      'cli-borealis',
    ]);
  });
});
