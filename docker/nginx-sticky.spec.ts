import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { BackendProcess, deleteKeys, REDIS_URL, uniquePrefix } from '@roompulse/test-support';
import { http, type HttpAnswer } from './support/http';
import { findNginx, NginxProcess, UPSTREAM_HEADER } from './support/nginx';

/**
 * docker/nginx.conf, unchanged but for its addresses, run by Debian's nginx in front of two
 * backends (dist/backend/main.js) that share Redis, as backend-1 and backend-2 do in compose.yaml.
 * Clients play different hosts by connecting from different loopback addresses (127.0.0.x).
 */
describe('docker/nginx.conf in front of two backends', () => {
  const keyPrefix = uniquePrefix('rp-docker-test');
  const admin = { username: 'nginx-test-admin', password: randomBytes(12).toString('base64url') };
  const env = {
    NODE_ENV: 'production',
    REDIS_URL,
    REDIS_KEY_PREFIX: keyPrefix,
    JWT_SECRET: 'nginx-test-signing-key-shared-by-both-replicas-0123',
    ADMIN_USERNAME: admin.username,
    ADMIN_PASSWORD: admin.password,
  };
  const backends = [
    new BackendProcess({ exactEnv: true, env }),
    new BackendProcess({ exactEnv: true, env }),
  ];
  let nginx: NginxProcess;
  let token = '';
  const sockets: Socket[] = [];

  /**
   * `backend-1` or `backend-2`: which one answered, from the header the test configuration adds
   * (`$upstream_addr`, which lists every server tried, the one that answered last).
   */
  function answeredBy(answer: HttpAnswer): string {
    const upstream = String(answer.headers[UPSTREAM_HEADER] ?? '')
      .split(', ')
      .pop();
    const index = backends.findIndex((b) => upstream === `127.0.0.1:${b.port}`);
    if (index < 0)
      throw new Error(
        `no known backend in ${UPSTREAM_HEADER}: "${upstream}" (status ${answer.status})`,
      );
    return `backend-${index + 1}`;
  }

  /** An engine.io polling handshake, as socket.io-client opens every session. */
  function handshake(localAddress = '127.0.0.1'): Promise<HttpAnswer> {
    return http(`${nginx.url}/ws/?EIO=4&transport=polling`, { localAddress });
  }

  /** Dashboards connected to each backend, as each reports on its own /health. */
  async function connections(): Promise<number[]> {
    return Promise.all(
      backends.map(
        async (b) => (await http(`${b.url}/health`)).json<{ connections: number }>().connections,
      ),
    );
  }

  async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A dashboard socket (path /ws, namespace /dashboard) through nginx, from `localAddress`. */
  function dashboard(
    localAddress: string,
    transports: ('polling' | 'websocket')[],
  ): Promise<{ socket: Socket; snapshot: Promise<unknown> }> {
    const socket = io(`${nginx.url}/dashboard`, {
      path: '/ws',
      auth: { token },
      transports,
      // engine.io-client passes `agent` to Node's http and to ws; its type only admits browsers' values.
      agent: new Agent({ localAddress, keepAlive: true }) as unknown as string,
      localAddress,
      forceNew: true,
      reconnection: false,
      timeout: 5000,
    } as Parameters<typeof io>[1]);
    sockets.push(socket);
    const snapshot = new Promise<unknown>((resolve) => socket.once('SNAPSHOT', resolve));
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve({ socket, snapshot }));
      socket.once('connect_error', (error) => reject(new Error(`connect_error: ${error.message}`)));
    });
  }

  beforeAll(async () => {
    findNginx(); // fails with a message naming the package when nginx is missing
    await Promise.all(backends.map((b) => b.start()));
    nginx = await new NginxProcess().start({
      'backend-1': `127.0.0.1:${backends[0].port}`,
      'backend-2': `127.0.0.1:${backends[1].port}`,
    });
    const login = await http(`${nginx.url}/api/auth/login`, { method: 'POST', body: admin });
    expect(login.status).toBe(200);
    token = login.json<{ access_token: string }>().access_token;
  }, 60_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(backends.map((b) => b.stop()));
    await deleteKeys(keyPrefix);
  });

  it('passes `nginx -t`', () => {
    expect(nginx.check()).toMatch(/syntax is ok[\s\S]*test is successful/);
  });

  it('answers /health through nginx', async () => {
    const answer = await http(`${nginx.url}/health`);
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ status: 'ok', store: 'redis' });
  });

  it('spreads HTTP requests of one client over both backends', async () => {
    const counts: Record<string, number> = { 'backend-1': 0, 'backend-2': 0 };
    for (let i = 0; i < 20; i++) {
      const answer = await http(`${nginx.url}/api/tracking/rooms`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.status).toBe(200);
      counts[answeredBy(answer)] += 1;
    }
    expect(counts['backend-1']).toBeGreaterThanOrEqual(8);
    expect(counts['backend-2']).toBeGreaterThanOrEqual(8);
  });

  it('keeps every socket.io polling handshake of a client on the same backend', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const answer = await handshake();
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(/^0\{"sid":"[^"]+"/); // engine.io "open" packet
      seen.add(answeredBy(answer));
    }
    expect(seen.size).toBe(1);
  });

  it('sends different clients to both backends, each client always to the same one', async () => {
    const byClient = new Map<string, Set<string>>();
    for (let host = 2; host < 26; host++) {
      const address = `127.0.0.${host}`;
      const seen = new Set<string>();
      for (let i = 0; i < 3; i++) seen.add(answeredBy(await handshake(address)));
      byClient.set(address, seen);
    }
    expect([...byClient.values()].filter((seen) => seen.size !== 1)).toEqual([]);
    const used = new Set([...byClient.values()].map((seen) => [...seen][0]));
    expect(used).toEqual(new Set(['backend-1', 'backend-2']));
  });

  it('connects a dashboard socket (polling, then upgraded to WebSocket) on the backend its address hashes to, again on every reconnect', async () => {
    const address = '127.0.0.30';
    const expected = answeredBy(await handshake(address));
    for (let attempt = 0; attempt < 3; attempt++) {
      const { socket, snapshot } = await dashboard(address, ['polling', 'websocket']);
      await expect(snapshot).resolves.toMatchObject({ rooms: expect.any(Array) });
      await until(
        async () => socket.io.engine.transport.name === 'websocket',
        'the WebSocket upgrade',
      );
      const expectedCounts = expected === 'backend-1' ? [1, 0] : [0, 1];
      await until(
        async () => JSON.stringify(await connections()) === JSON.stringify(expectedCounts),
        `one socket on ${expected}`,
      );
      socket.disconnect();
      await until(async () => (await connections()).every((n) => n === 0), 'the socket to close');
    }
  });

  it('passes the WebSocket upgrade for clients that skip polling', async () => {
    const { socket, snapshot } = await dashboard('127.0.0.31', ['websocket']);
    expect(socket.io.engine.transport.name).toBe('websocket');
    await expect(snapshot).resolves.toMatchObject({ rooms: expect.any(Array) });
  });

  it('(control) without `hash $remote_addr consistent` a polling session breaks, so the tests above do test stickiness', async () => {
    const roundRobin = await new NginxProcess().start(
      {
        'backend-1': `127.0.0.1:${backends[0].port}`,
        'backend-2': `127.0.0.1:${backends[1].port}`,
      },
      (conf) => {
        const edited = conf.replace(/^\s*hash \$remote_addr consistent;\n/m, '');
        if (edited === conf)
          throw new Error('nginx.conf has no "hash $remote_addr consistent;" line');
        return edited;
      },
    );
    try {
      const first = await http(`${roundRobin.url}/ws/?EIO=4&transport=polling`);
      const sid = /"sid":"([^"]+)"/.exec(first.body)?.[1];
      const poll = await http(`${roundRobin.url}/ws/?EIO=4&transport=polling&sid=${sid}`);
      // The second request of the session reaches the other backend, which does not know it.
      expect(poll.status).toBe(400);
      expect(poll.body).toContain('Session ID unknown');
    } finally {
      await roundRobin.stop();
    }
  });

  it('limits sign-in attempts per client and answers 429 in the API error shape', async () => {
    // All at once, so the 10/min refill cannot let one more through: 1 + a burst of 20 pass.
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        http(`${nginx.url}/api/auth/login`, {
          method: 'POST',
          body: { username: 'nobody-here', password: 'wrong-password' },
          localAddress: '127.0.0.99',
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(21);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    const limited = answers.find((a) => a.status === 429);
    expect(limited?.json()).toEqual({
      statusCode: 429,
      message: 'too many sign-in attempts; try again in a minute',
      error: 'Too Many Requests',
    });
    expect(limited?.headers['retry-after']).toBe('60');
    // Other clients still sign in.
    const other = await http(`${nginx.url}/api/auth/login`, {
      method: 'POST',
      body: admin,
      localAddress: '127.0.0.98',
    });
    expect(other.status).toBe(200);
  });

  // Stops the backends: keep it last.
  it('moves the clients of a stopped backend to the other, and answers JSON 503 with Retry-After when none is left', async () => {
    const addresses = Array.from({ length: 20 }, (_, i) => `127.0.0.${40 + i}`);
    const before = await Promise.all(addresses.map(async (a) => answeredBy(await handshake(a))));
    expect(before).toContain('backend-1');
    await backends[0].stop();
    const after = await Promise.all(addresses.map(async (a) => answeredBy(await handshake(a))));
    expect(after.every((b) => b === 'backend-2')).toBe(true);
    // Clients that were on backend-2 did not move.
    expect(after.filter((_, i) => before[i] === 'backend-2')).toEqual(
      before.filter((b) => b === 'backend-2'),
    );

    await backends[1].stop();
    const answer = await http(`${nginx.url}/api/tracking/rooms`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.json()).toEqual({
      statusCode: 503,
      message: 'RoomPulse is unavailable; try again shortly',
      error: 'Service Unavailable',
    });
  });
});
