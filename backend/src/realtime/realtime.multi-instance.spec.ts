import { randomBytes } from 'node:crypto';
import {
  DashboardRecorder,
  connect,
  dashboardClient,
  getJson,
  nextEvent,
  postTelemetry,
  until,
  type DashboardClient,
} from '../testing/dashboard-client';
import { deleteKeys, redisClient, startTestApp, update, type TestApp } from '../testing/test-app';
import { RealtimeIoAdapter } from './realtime-io.adapter';
import type { RealtimeStats } from './realtime-stats.service';

/** Two backend instances behind one Redis (same key prefix), as behind a load balancer. */
describe(`${RealtimeIoAdapter.name} with two instances sharing Redis`, () => {
  const keyPrefix = `rp-test:${randomBytes(6).toString('hex')}:`;
  let first: TestApp;
  let second: TestApp;
  const clients: DashboardClient[] = [];

  async function dashboard(app: TestApp, token = app.tokens.viewer): Promise<DashboardRecorder> {
    const client = dashboardClient(app.url, { token });
    clients.push(client);
    const recorder = new DashboardRecorder(client);
    const snapshot = nextEvent(client, 'SNAPSHOT');
    await connect(client);
    await snapshot;
    return recorder;
  }

  async function post(app: TestApp, body: Record<string, unknown>): Promise<void> {
    expect((await postTelemetry(app.url, app.tokens.ingest, body)).status).toBe(202);
  }

  beforeAll(async () => {
    first = await startTestApp({ store: 'redis', keyPrefix });
    second = await startTestApp({ store: 'redis', keyPrefix });
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await deleteKeys(keyPrefix);
  });

  it('delivers an update POSTed to one instance to dashboards on both, each exactly once', async () => {
    const onFirst = await dashboard(first);
    const onSecond = await dashboard(second);

    await post(first, update({ room_id: 'mi_a', platform: 'stripchat', tokens_count: 41 }));
    await post(second, update({ room_id: 'mi_b', platform: 'camsoda', tokens_count: 42 }));
    await post(first, update({ room_id: 'mi_marker', tokens_count: 43 }));

    for (const recorder of [onFirst, onSecond]) {
      await recorder.updateOf('mi_marker', 43);
      expect(
        recorder.updates.map((e) => `${e.data.platform}:${e.room_id}:${e.data.tokens}`),
      ).toEqual(['stripchat:mi_a:41', 'camsoda:mi_b:42', 'chaturbate:mi_marker:43']);
    }
  });

  it('applies a filter on the instance the dashboard is connected to', async () => {
    const filtered = await dashboard(second);
    expect(
      await filtered.client.timeout(5000).emitWithAck('subscribe', { rooms: ['camsoda:mi_c'] }),
    ).toMatchObject({ ok: true });

    await post(first, update({ room_id: 'mi_c', platform: 'chaturbate', tokens_count: 1 }));
    await post(first, update({ room_id: 'mi_c', platform: 'camsoda', tokens_count: 2 }));

    await filtered.updateOf('mi_c', 2);
    expect(filtered.updates.map((e) => `${e.data.platform}:${e.room_id}`)).toEqual([
      'camsoda:mi_c',
    ]);
  });

  it('shows rooms posted to one instance in the SNAPSHOT of the other', async () => {
    const body = update({ room_id: 'mi_d', platform: 'camsoda', tokens_count: 77 });
    await post(first, body);
    const client = dashboardClient(second.url, { token: second.tokens.admin });
    clients.push(client);
    const snapshot = nextEvent(client, 'SNAPSHOT');
    await connect(client);
    expect((await snapshot).rooms).toContainEqual({ ...body, received_at: expect.any(Number) });
  });

  it('counts connections per instance and sees both instances', async () => {
    await dashboard(first, first.tokens.viewer);
    await dashboard(second, second.tokens.admin);
    await dashboard(second, second.tokens.viewer);

    const statsOf = async (app: TestApp) =>
      (await getJson(app.url, '/api/realtime/stats', app.tokens.admin)).body as RealtimeStats;
    expect(await statsOf(first)).toMatchObject({
      connections: 1,
      by_role: { admin: 0, viewer: 1 },
      instances: 2,
      fan_out: 'redis-streams',
    });
    expect(await statsOf(second)).toMatchObject({
      connections: 2,
      by_role: { admin: 1, viewer: 1 },
      instances: 2,
      fan_out: 'redis-streams',
    });
    expect((await getJson(first.url, '/health')).body).toMatchObject({
      status: 'ok',
      connections: 1,
    });
    expect((await getJson(second.url, '/health')).body).toMatchObject({
      status: 'ok',
      connections: 2,
    });
  });

  it('releases every Redis connection of its adapter when an instance closes', async () => {
    const other = await startTestApp({ store: 'redis', adminOnly: true });
    const redis = await redisClient();
    try {
      const adapterConnections = async () =>
        (await redis.clientList()).filter((c) =>
          c.name.startsWith(`${other.keyPrefix}sio-adapter:`),
        ).length;
      await until(
        async () => (await adapterConnections()) === 2,
        'the adapter has its reader and subscriber connected',
      );

      await other.close();

      expect(await adapterConnections()).toBe(0);
    } finally {
      await redis.close();
    }
  });
});
