import type { Packet } from 'socket.io-parser';
import { UNAUTHORIZED } from '@roompulse/contracts';
import {
  DashboardRecorder,
  connect,
  connectError,
  dashboardClient,
  disconnected,
  getJson,
  nextEvent,
  postTelemetry,
  until,
  type DashboardClient,
} from '../testing/dashboard-client';
import { LoadBalancerProxy } from '../testing/load-balancer-proxy';
import {
  STORE_KINDS,
  TEST_PASSWORD,
  login,
  startTestApp,
  update,
  type TestApp,
} from '../testing/test-app';
import { RealtimeGateway } from './realtime.gateway';

/** Token lifetime for these specs: long enough to connect and post, short enough to wait out. */
const TTL_SECONDS = 3;

function expiryOf(token: string): number {
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number })
    .exp;
}

describe.each(STORE_KINDS)(
  `${RealtimeGateway.name} token expiry (%s store, JWT_TTL=${TTL_SECONDS}s)`,
  (store) => {
    let app: TestApp;
    const clients: DashboardClient[] = [];
    const proxies: LoadBalancerProxy[] = [];

    async function dashboard(url: string, token: string): Promise<DashboardRecorder> {
      const client = dashboardClient(url, { token, transports: ['websocket'] });
      clients.push(client);
      const recorder = new DashboardRecorder(client);
      const snapshot = nextEvent(client, 'SNAPSHOT');
      await connect(client);
      await snapshot;
      return recorder;
    }

    async function post(roomId: string, tokens: number): Promise<void> {
      const ingest = await login(app.url, 'admin', TEST_PASSWORD);
      expect(
        (await postTelemetry(app.url, ingest, update({ room_id: roomId, tokens_count: tokens })))
          .status,
      ).toBe(202);
    }

    beforeAll(async () => {
      app = await startTestApp({ store, env: { JWT_TTL: `${TTL_SECONDS}s` }, adminOnly: true });
    });

    afterEach(async () => {
      for (const client of clients.splice(0)) client.disconnect();
      for (const proxy of proxies.splice(0)) await proxy.close();
    });

    afterAll(async () => {
      await app?.close();
    });

    it('ends a connected dashboard when its token expires: SESSION_ENDED session_expired, then a server disconnect', async () => {
      const token = await login(app.url, 'admin', TEST_PASSWORD);
      const recorder = await dashboard(app.url, token);
      const ended = nextEvent(recorder.client, 'SESSION_ENDED', (TTL_SECONDS + 2) * 1000);
      const gone = disconnected(recorder.client, (TTL_SECONDS + 2) * 1000);

      expect(await ended).toEqual({
        reason: 'session_expired',
        message: 'Your session has expired. Sign in again.',
      });
      expect(await gone).toBe('io server disconnect');
      expect(Date.now()).toBeGreaterThanOrEqual(expiryOf(token) * 1000);
      expect((await connectError(recorder.client)).message).toBe(UNAUTHORIZED);
    });

    it('replays nothing to a dashboard whose token expired while it was disconnected', async () => {
      const token = await login(app.url, 'admin', TEST_PASSWORD);
      const proxy = new LoadBalancerProxy(Number(new URL(app.url).port));
      proxies.push(proxy);
      const recorder = await dashboard(await proxy.listen(), token);
      await post('exp_a', 1);
      await recorder.updateOf('exp_a', 1);

      const gone = disconnected(recorder.client);
      proxy.drop();
      expect(await gone).toBe('transport close');
      await until(
        async () =>
          ((await getJson(app.url, '/health')).body as { connections: number }).connections === 0,
        'the server saw the drop',
      );
      await post('exp_a', 2);
      await until(
        () => Date.now() >= expiryOf(token) * 1000,
        'the token has expired',
        (TTL_SECONDS + 2) * 1000,
      );

      const packets: Packet[] = [];
      recorder.client.io.on('packet', (packet) => packets.push(packet));
      expect((await connectError(recorder.client)).message).toBe(UNAUTHORIZED);

      expect(packets.map((p) => p.type)).toEqual([4]); // CONNECT_ERROR only: no replayed EVENT
      expect(recorder.updates.map((e) => e.data.tokens)).toEqual([1]);
    });
  },
);
