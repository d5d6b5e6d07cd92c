import { spawn, type ChildProcess } from 'node:child_process';
import { io, type Socket } from 'socket.io-client';
import {
  DASHBOARD_NAMESPACE,
  SOCKET_PATH,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type Snapshot,
} from '@roompulse/contracts';
import { login } from './support/api';
import { freePort, ROOT } from '@roompulse/test-support';

/** What the README promises: `npm start` on the embedded store prints where to look and who to be. */
describe('npm start (README quick start)', () => {
  let child: ChildProcess;
  let output = '';
  let port = 0;

  beforeAll(async () => {
    port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NO_COLOR: '1' };
    // The embedded default, whatever the surrounding test run uses.
    delete env['REDIS_URL'];
    delete env['ADMIN_PASSWORD'];
    delete env['ADMIN_USERNAME'];
    delete env['NX_SKIP_NX_CACHE'];
    child = spawn('npm', ['start'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(
      () => /Sign in\s+\S+ \/ \S+/.test(output),
      180_000,
      () => `npm start printed:\n${output}`,
    );
  }, 200_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      process.kill(-(child.pid ?? 0), 'SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('prints the URL and a generated admin password, and says which store it uses', () => {
    expect(output).toContain(`Open      http://localhost:${port}`);
    expect(output).toMatch(/embedded in-memory/);
    const [, username, password] = /Sign in\s+(\S+) \/ (\S+)/.exec(output) ?? [];
    expect(username).toBe('admin');
    expect(password).toMatch(/^[\w-]{12,}$/);
  });

  it('serves the dashboard, and the demo rooms show up in the snapshot for the printed sign-in', async () => {
    const [, username, password] = /Sign in\s+(\S+) \/ (\S+)/.exec(output) ?? [];
    const url = `http://127.0.0.1:${port}`;
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<rp-root');

    const { access_token } = await login(url, username, password);
    let snapshot: Snapshot = { rooms: [], server_time: 0 };
    await waitFor(
      async () => {
        snapshot = await firstSnapshot(url, access_token);
        return snapshot.rooms.filter((r) => r.room_id.startsWith('sim-')).length >= 10;
      },
      30_000,
      () => `snapshot held ${snapshot.rooms.length} rooms; npm start printed:\n${output}`,
    );
    const roster = await fetch(`${url}/api/roster`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(((await roster.json()) as { squads: unknown[] }).squads).toHaveLength(5);
  });

  it('stops everything on Ctrl-C and frees the port', async () => {
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
    );
    // A terminal's Ctrl-C signals the whole process group: npm, the start script, backend and simulator.
    process.kill(-(child.pid ?? 0), 'SIGINT');
    expect(['exit 0', 'SIGINT']).toContain(await exited);
    await waitFor(
      async () =>
        (await fetch(`http://127.0.0.1:${port}/health`).then(
          () => 'up',
          () => 'down',
        )) === 'down',
      10_000,
      () => `port ${port} still answers after Ctrl-C`,
    );
    expect(output).not.toMatch(/unhandled|ERR_|Error:/i);
  });
});

async function firstSnapshot(url: string, token: string): Promise<Snapshot> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(
    `${url}${DASHBOARD_NAMESPACE}`,
    {
      path: SOCKET_PATH,
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    },
  );
  try {
    return await new Promise<Snapshot>((resolve, reject) => {
      socket.once('SNAPSHOT', resolve);
      socket.once('connect_error', reject);
    });
  } finally {
    socket.disconnect();
  }
}

async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
