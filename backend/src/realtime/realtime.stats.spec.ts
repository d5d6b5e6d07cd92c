import {
  connect,
  dashboardClient,
  getJson,
  nextEvent,
  postTelemetry,
  until,
  type DashboardClient,
} from '../testing/dashboard-client';
import { STORE_KINDS, nowSeconds, startTestApp, update, type TestApp } from '../testing/test-app';
import type { RealtimeStats } from './realtime-stats.service';
import { RealtimeStatsService } from './realtime-stats.service';

describe.each(STORE_KINDS)(`${RealtimeStatsService.name} (%s store)`, (store) => {
  let app: TestApp;
  const clients: DashboardClient[] = [];

  async function dashboard(token: string): Promise<DashboardClient> {
    const client = dashboardClient(app.url, { token });
    clients.push(client);
    const snapshot = nextEvent(client, 'SNAPSHOT');
    await connect(client);
    await snapshot;
    return client;
  }

  const stats = async () =>
    (await getJson(app.url, '/api/realtime/stats', app.tokens.admin)).body as RealtimeStats;
  const healthConnections = async () =>
    ((await getJson(app.url, '/health')).body as { connections: number }).connections;

  beforeAll(async () => {
    app = await startTestApp({ store });
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('serves GET /api/realtime/stats to admins only', async () => {
    expect((await getJson(app.url, '/api/realtime/stats')).status).toBe(401);
    expect((await getJson(app.url, '/api/realtime/stats', app.tokens.viewer)).status).toBe(403);
    expect((await getJson(app.url, '/api/realtime/stats', app.tokens.ingest)).status).toBe(403);
    expect((await getJson(app.url, '/api/realtime/stats', app.tokens.admin)).status).toBe(200);
  });

  it("counts this instance's dashboards by role and filter, as /health does", async () => {
    await until(async () => (await healthConnections()) === 0, 'no dashboard is connected');
    await dashboard(app.tokens.admin);
    await dashboard(app.tokens.viewer);
    const filtered = await dashboard(app.tokens.viewer);
    await filtered.timeout(5000).emitWithAck('subscribe', { platforms: ['camsoda'] });

    expect(await stats()).toEqual({
      connections: 3,
      by_role: { admin: 1, viewer: 2 },
      filtered: 1,
      instances: 1,
      published: expect.any(Number),
      fan_out: store === 'redis' ? 'redis-streams' : 'none',
    });
    expect(await healthConnections()).toBe(3);

    filtered.disconnect();
    await until(async () => (await healthConnections()) === 2, '/health counts the disconnect');
    expect(await stats()).toMatchObject({ connections: 2, filtered: 0 });
  });

  it('counts published updates, and not stale ones', async () => {
    const before = (await stats()).published;
    const t = nowSeconds();
    await postTelemetry(app.url, app.tokens.ingest, update({ room_id: 'stats_a', timestamp: t }));
    const stale = await postTelemetry(
      app.url,
      app.tokens.ingest,
      update({ room_id: 'stats_a', timestamp: t - 1 }),
    );
    expect(stale.body).toMatchObject({ status: 'stale' });
    expect((await stats()).published).toBe(before + 1);
  });
});
