import { startSimulator, type RunningSimulator } from './simulator';
import { FakeBackend } from './testing/fake-backend';
import type { SimulatorInput } from './options';

const ADMIN = { username: 'admin', password: 'admin-password' };

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startSimulator (driver, against a fake backend)', () => {
  let backend: FakeBackend;
  let simulator: RunningSimulator | null = null;
  let lines: string[];

  const start = (options: Partial<SimulatorInput> = {}) =>
    startSimulator({
      url: backend.url,
      ...ADMIN,
      rooms: 20,
      squads: 2,
      intervalSeconds: 0.1,
      logEverySeconds: 0,
      churn: false,
      log: (line) => lines.push(line),
      ...options,
    }).then((s) => (simulator = s));

  beforeEach(async () => {
    lines = [];
    backend = await new FakeBackend(ADMIN).start();
  });
  afterEach(async () => {
    await simulator?.stop(0);
    simulator = null;
    await backend.stop();
  });

  it('stores the demo roster, creates an ingest user and sends every room in batches of at most 500 as that user', async () => {
    const sim = await start({ rooms: 1200, squads: 3, concurrency: 1, intervalSeconds: 0.5 });
    await until(() => backend.items.length >= 2400);
    await sim.stop();
    expect(backend.users.get('sim-ingest')?.role).toBe('ingest');
    expect(backend.roster.squads.map((s) => [s.id, s.rooms.length])).toEqual([
      ['sim-aurora', 400],
      ['sim-borealis', 400],
      ['sim-cobalt', 400],
    ]);
    expect(new Set(backend.batches.map((b) => b.user))).toEqual(new Set(['sim-ingest']));
    expect(backend.batches.slice(0, 3).map((b) => b.updates.length)).toEqual([500, 500, 200]);
    expect(Math.max(...backend.batches.map((b) => b.updates.length))).toBeLessThanOrEqual(500);
    expect(new Set(backend.items.map((u) => u.room_id)).size).toBe(1200);
    expect(sim.telemetryUser).toBe('sim-ingest');
    expect(lines).toContain('roster stored: 3 demo squads with 1200 rooms');
  });

  it('reuses the ingest user on the next run, and recreates it when its password was changed', async () => {
    await (await start()).stop();
    await (await start()).stop();
    expect(backend.requests.filter((r) => r.startsWith('DELETE'))).toEqual([]);
    backend.users.set('sim-ingest', { password: 'set-by-someone-else', role: 'ingest' });
    await (await start()).stop();
    expect(backend.requests.filter((r) => r.startsWith('DELETE'))).toEqual([
      'DELETE /api/users/sim-ingest',
    ]);
    expect(lines).toContain('user sim-ingest exists with another password: recreating it');
  });

  it('retries batches answered 503 and signs in again after a 401, losing no room', async () => {
    backend.batchFailures.push({ status: 503, headers: { 'retry-after': '0' } }, { status: 503 });
    const sim = await start({ rooms: 30, intervalSeconds: 0.2 });
    await until(() => backend.items.length >= 30);
    backend.expireTokens();
    const before = backend.items.length;
    await until(() => backend.items.length >= before + 60);
    const stats = await sim.stop();
    expect(stats.failedRequests).toBe(2);
    expect(stats.requeued + stats.superseded).toBeGreaterThanOrEqual(30);
    expect(stats.reSignIns).toBe(1);
    expect(stats.dropped).toBe(0);
    expect(new Set(backend.items.map((u) => u.room_id)).size).toBe(30);
    expect(
      lines.some((l) =>
        l.startsWith('batch of 30 failed: POST /api/tracking/telemetry/batch: HTTP 503'),
      ),
    ).toBe(true);
  });

  it('waits for a backend that is still starting', async () => {
    const port = Number(new URL(backend.url).port);
    await backend.stop();
    setTimeout(() => void backend.start(port), 400);
    const sim = await start({ setupAttempts: 10 });
    await sim.stop();
    expect(
      lines.some((l) =>
        /^sign-in: POST \/api\/auth\/login: connect ECONNREFUSED .*; retrying in/.test(l),
      ),
    ).toBe(true);
    expect(backend.logins[0]).toBe('admin');
  });

  it('with an ingest account sends telemetry itself and leaves the roster alone', async () => {
    backend.users.set('extension-1', { password: 'ingest-password', role: 'ingest' });
    const sim = await start({ username: 'extension-1', password: 'ingest-password' });
    await until(() => backend.items.length >= 20);
    await sim.stop();
    expect(backend.roster).toEqual({ squads: [] });
    expect(new Set(backend.batches.map((b) => b.user))).toEqual(new Set(['extension-1']));
    expect(lines).toContain('the demo roster needs an admin account: not stored');
  });

  it('refuses a viewer account, and wrong credentials, with a message', async () => {
    backend.users.set('watcher', { password: 'viewer-password', role: 'viewer' });
    await expect(start({ username: 'watcher', password: 'viewer-password' })).rejects.toThrow(
      '"watcher" is a viewer; telemetry needs an admin or ingest account',
    );
    await expect(start({ password: 'wrong' })).rejects.toThrow(
      'sign-in as "admin" refused: invalid username or password',
    );
  });

  it('stops by itself after `durationSeconds`, sends nothing afterwards and reports final stats', async () => {
    const sim = await start({ durationSeconds: 0.5, intervalSeconds: 0.1, rooms: 10 });
    const stats = await sim.finished;
    const requests = backend.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(backend.requests.length).toBe(requests);
    expect(stats.running).toBe(false);
    expect(stats.ticks).toBeGreaterThanOrEqual(4);
    expect(stats.sent).toBe(backend.items.length);
    expect(stats.accepted).toBe(stats.sent);
    expect(lines[lines.length - 1]).toMatch(/^stopped after [\d.]+ s: \d+ updates sent/);
    expect(await sim.stop()).toBe(stats);
  });

  it('logs progress lines with rooms live, updates/s and errors', async () => {
    const sim = await start({ logEverySeconds: 0.3, intervalSeconds: 0.1, rooms: 10 });
    await until(() => lines.some((l) => l.includes('updates/s')));
    await sim.stop();
    expect(lines.find((l) => l.includes('updates/s'))).toMatch(
      /^10\/10 rooms live · [\d.]+ updates\/s \(\d+ accepted, 0 stale, 0 invalid\) · p50 \d+ ms p99 \d+ ms · backlog \d+ · 0 errors$/,
    );
  });
});
