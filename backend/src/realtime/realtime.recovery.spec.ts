import { randomBytes } from 'node:crypto';
import type { Platform } from '@roompulse/contracts';
import {
  DashboardRecorder,
  connect,
  dashboardClient,
  disconnected,
  getJson,
  nextEvent,
  postTelemetry,
  until,
  type DashboardClient,
} from '../testing/dashboard-client';
import { LoadBalancerProxy } from '../testing/load-balancer-proxy';
import { STORE_KINDS, deleteKeys, startTestApp, update, type TestApp } from '../testing/test-app';
import { RealtimeGateway } from './realtime.gateway';

const portOf = (app: TestApp) => Number(new URL(app.url).port);

async function connections(app: TestApp): Promise<number> {
  return ((await getJson(app.url, '/health')).body as { connections: number }).connections;
}

/**
 * One dashboard stays connected; another goes through a {@link LoadBalancerProxy} whose connections the
 * spec cuts, as a flaky network or a restarted load balancer would. Both end up showing the same.
 */
function recoverySuite() {
  const clients: DashboardClient[] = [];
  const proxies: LoadBalancerProxy[] = [];
  let tokens = 0;

  async function dashboard(
    url: string,
    token: string,
    filter?: { platforms: Platform[] },
  ): Promise<DashboardRecorder> {
    // websocket only: one TCP connection per dashboard, as behind a load balancer without sticky sessions
    const client = dashboardClient(url, { token, transports: ['websocket'] });
    clients.push(client);
    const recorder = new DashboardRecorder(client);
    const snapshot = nextEvent(client, 'SNAPSHOT');
    await connect(client);
    await snapshot;
    if (filter)
      expect(await client.timeout(5000).emitWithAck('subscribe', filter)).toMatchObject({
        ok: true,
      });
    return recorder;
  }

  async function proxyTo(app: TestApp): Promise<{ proxy: LoadBalancerProxy; url: string }> {
    const proxy = new LoadBalancerProxy(portOf(app));
    proxies.push(proxy);
    return { proxy, url: await proxy.listen() };
  }

  /** Posts distinct figures (tokens count up) and returns them as `platform:room_id:tokens`. */
  async function post(
    app: TestApp,
    roomId: string,
    platform: Platform = 'chaturbate',
  ): Promise<string> {
    const tokensCount = ++tokens;
    const { status } = await postTelemetry(
      app.url,
      app.tokens.ingest,
      update({ room_id: roomId, platform, tokens_count: tokensCount }),
    );
    expect(status).toBe(202);
    return `${platform}:${roomId}:${tokensCount}`;
  }

  const seen = (recorder: DashboardRecorder) =>
    recorder.updates.map((e) => `${e.data.platform}:${e.room_id}:${e.data.tokens}`);

  /** Cuts the proxied dashboard off and waits until `app` has noticed (only then is its session kept). */
  async function drop(
    proxy: LoadBalancerProxy,
    recorder: DashboardRecorder,
    app: TestApp,
    remaining: number,
  ): Promise<void> {
    const gone = disconnected(recorder.client);
    proxy.drop();
    expect(await gone).toBe('transport close');
    await until(
      async () => (await connections(app)) === remaining,
      `the server saw the drop (${remaining} left)`,
    );
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    for (const proxy of proxies.splice(0)) await proxy.close();
  });

  return { dashboard, proxyTo, post, seen, drop };
}

describe.each(STORE_KINDS)(
  `${RealtimeGateway.name} connection-state recovery (%s store)`,
  (store) => {
    const suite = recoverySuite();
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ store });
    });

    beforeEach(() =>
      until(
        async () => (await connections(app)) === 0,
        'no dashboard is left from the previous test',
      ),
    );

    afterAll(async () => {
      await app?.close();
    });

    it('replays what a dropped dashboard missed (recovered, no new SNAPSHOT) so it shows what one that stayed shows', async () => {
      const { proxy, url } = await suite.proxyTo(app);
      const stayed = await suite.dashboard(app.url, app.tokens.viewer);
      const dropping = await suite.dashboard(url, app.tokens.viewer);
      const beforeDrop = await suite.post(app, 'rec_a');
      await dropping.update((e) => e.room_id === 'rec_a');

      await suite.drop(proxy, dropping, app, 1);
      const missed = [await suite.post(app, 'rec_a'), await suite.post(app, 'rec_b', 'stripchat')];
      await stayed.update((e) => e.room_id === 'rec_b');

      await connect(dropping.client);

      expect(dropping.client.recovered).toBe(true);
      expect(dropping.snapshots).toHaveLength(1);
      expect(suite.seen(dropping)).toEqual([beforeDrop, ...missed]);
      expect(dropping.shown()).toEqual(stayed.shown());
      expect(Object.keys(dropping.shown())).toEqual(['chaturbate:rec_a', 'stripchat:rec_b']);

      const live = await suite.post(app, 'rec_c', 'camsoda');
      await dropping.update((e) => e.room_id === 'rec_c');
      expect(suite.seen(dropping)).toEqual([beforeDrop, ...missed, live]);
    });

    it('keeps the filter of a recovered dashboard for the replay and afterwards', async () => {
      const { proxy, url } = await suite.proxyTo(app);
      const dropping = await suite.dashboard(url, app.tokens.viewer, { platforms: ['stripchat'] });
      const beforeDrop = await suite.post(app, 'rec_d', 'stripchat');
      await dropping.update((e) => e.room_id === 'rec_d');

      await suite.drop(proxy, dropping, app, 0);
      await suite.post(app, 'rec_e', 'chaturbate');
      const missed = await suite.post(app, 'rec_e', 'stripchat');
      await connect(dropping.client);
      await suite.post(app, 'rec_f', 'camsoda');
      const live = await suite.post(app, 'rec_f', 'stripchat');
      await dropping.update((e) => e.room_id === 'rec_f');

      expect(dropping.client.recovered).toBe(true);
      expect(suite.seen(dropping)).toEqual([beforeDrop, missed, live]);
    });
  },
);

describe.each(STORE_KINDS)(
  `${RealtimeGateway.name} without recovery (%s store, WS_RECOVERY_WINDOW_MS=0)`,
  (store) => {
    const suite = recoverySuite();
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ store, env: { WS_RECOVERY_WINDOW_MS: '0' } });
    });

    afterAll(async () => {
      await app?.close();
    });

    it('sends a reconnecting dashboard a fresh SNAPSHOT that shows what one that stayed shows', async () => {
      const { proxy, url } = await suite.proxyTo(app);
      const stayed = await suite.dashboard(app.url, app.tokens.viewer);
      const dropping = await suite.dashboard(url, app.tokens.viewer);
      await suite.post(app, 'norec_a');
      await dropping.update((e) => e.room_id === 'norec_a');

      await suite.drop(proxy, dropping, app, 1);
      await suite.post(app, 'norec_a');
      await suite.post(app, 'norec_b', 'camsoda');
      await stayed.update((e) => e.room_id === 'norec_b');
      const secondSnapshot = nextEvent(dropping.client, 'SNAPSHOT');
      await connect(dropping.client);
      await secondSnapshot;

      expect(dropping.client.recovered).toBeFalsy(); // the client leaves it undefined when the server offers no recovery
      expect(dropping.snapshots).toHaveLength(2);
      expect(dropping.shown()).toEqual(stayed.shown());
      expect(Object.keys(dropping.shown())).toEqual(
        expect.arrayContaining(['chaturbate:norec_a', 'camsoda:norec_b']),
      );
    });
  },
);

describe(`${RealtimeGateway.name} recovery across instances sharing Redis`, () => {
  const suite = recoverySuite();
  const keyPrefix = `rp-test:${randomBytes(6).toString('hex')}:`;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp({ store: 'redis', keyPrefix });
    second = await startTestApp({ store: 'redis', keyPrefix });
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await deleteKeys(keyPrefix);
  });

  it('recovers a dashboard that dropped from one instance on the other, with what it missed from both', async () => {
    const { proxy, url } = await suite.proxyTo(first);
    const stayed = await suite.dashboard(second.url, second.tokens.viewer);
    const moving = await suite.dashboard(url, first.tokens.viewer);
    const beforeDrop = await suite.post(first, 'xrec_a');
    await moving.update((e) => e.room_id === 'xrec_a');

    await suite.drop(proxy, moving, first, 0);
    const missed = [
      await suite.post(first, 'xrec_a'),
      await suite.post(second, 'xrec_b', 'stripchat'),
    ];
    await stayed.update((e) => e.room_id === 'xrec_b');
    proxy.retarget(portOf(second));
    await connect(moving.client);

    expect(moving.client.recovered).toBe(true);
    expect(moving.snapshots).toHaveLength(1);
    expect(suite.seen(moving)).toEqual([beforeDrop, ...missed]);
    expect(moving.shown()).toEqual(stayed.shown());
    expect(
      ((await getJson(second.url, '/health')).body as { connections: number }).connections,
    ).toBe(2);
  });
});
