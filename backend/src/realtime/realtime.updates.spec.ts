import { TELEMETRY_UPDATE } from '@roompulse/contracts';
import {
  DashboardRecorder,
  connect,
  dashboardClient,
  nextEvent,
  postTelemetry,
  type DashboardClient,
  type DashboardClientOptions,
} from '../testing/dashboard-client';
import { STORE_KINDS, nowSeconds, startTestApp, update, type TestApp } from '../testing/test-app';
import { RealtimePublisher } from './realtime.publisher';

describe.each(STORE_KINDS)(`${RealtimePublisher.name} (%s store)`, (store) => {
  let app: TestApp;
  const clients: DashboardClient[] = [];

  async function dashboard(
    options: DashboardClientOptions = { token: app.tokens.viewer },
  ): Promise<DashboardRecorder> {
    const client = dashboardClient(app.url, options);
    clients.push(client);
    const recorder = new DashboardRecorder(client);
    const snapshot = nextEvent(client, 'SNAPSHOT');
    await connect(client);
    await snapshot;
    return recorder;
  }

  async function post(body: Record<string, unknown>): Promise<unknown> {
    const { status, body: answer } = await postTelemetry(app.url, app.tokens.ingest, body);
    expect(status).toBe(202);
    return answer;
  }

  beforeAll(async () => {
    app = await startTestApp({ store });
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('delivers an accepted POST as TELEMETRY_UPDATE in exactly the contract shape', async () => {
    const recorder = await dashboard();
    const body = update({
      room_id: 'upd_a',
      platform: 'camsoda',
      tokens_count: 1234,
      tips_count: 56,
      viewers_count: 789,
      timestamp: nowSeconds() - 3,
    });
    const before = nowSeconds();
    await post(body);

    const event = await recorder.update((e) => e.room_id === 'upd_a');

    expect(event).toEqual({
      event_type: TELEMETRY_UPDATE,
      room_id: 'upd_a',
      data: {
        platform: 'camsoda',
        tokens: 1234,
        tips: 56,
        viewers: 789,
        timestamp: body.timestamp,
      },
      timestamp: expect.any(Number),
    });
    expect(event.timestamp).toBeGreaterThanOrEqual(before);
    expect(event.timestamp).toBeLessThanOrEqual(nowSeconds());
  });

  it('never delivers a stale POST', async () => {
    const recorder = await dashboard();
    const t = nowSeconds() - 10;
    await post(update({ room_id: 'upd_b', tokens_count: 500, timestamp: t }));
    expect(
      await post(update({ room_id: 'upd_b', tokens_count: 999, timestamp: t - 5 })),
    ).toMatchObject({ status: 'stale' });
    await post(update({ room_id: 'upd_marker_b', tokens_count: 1 }));

    await recorder.updateOf('upd_marker_b', 1);

    expect(recorder.updates.map((e) => [e.room_id, e.data.tokens])).toEqual([
      ['upd_b', 500],
      ['upd_marker_b', 1],
    ]);
  });

  it('delivers each accepted item of a batch once, in order, and no stale item', async () => {
    const recorder = await dashboard();
    const t = nowSeconds() - 10;
    await post(update({ room_id: 'upd_c', tokens_count: 50, timestamp: t }));
    const response = await fetch(`${app.url}/api/tracking/telemetry/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.tokens.ingest}` },
      body: JSON.stringify({
        updates: [
          update({ room_id: 'upd_d', platform: 'stripchat', tokens_count: 60, timestamp: t }),
          update({ room_id: 'upd_c', tokens_count: 40, timestamp: t - 1 }),
          update({ room_id: 'upd_c', tokens_count: 70, timestamp: t + 1 }),
        ],
      }),
    });
    expect(
      ((await response.json()) as { results: { status: string }[] }).results.map((r) => r.status),
    ).toEqual(['accepted', 'stale', 'accepted']);

    await recorder.updateOf('upd_c', 70);

    expect(recorder.updates.map((e) => [e.room_id, e.data.tokens])).toEqual([
      ['upd_c', 50],
      ['upd_d', 60],
      ['upd_c', 70],
    ]);
  });

  it('gives every connected dashboard each update exactly once, whatever the role or way of authenticating', async () => {
    const dashboards = [
      await dashboard({ token: app.tokens.viewer }),
      await dashboard({ token: app.tokens.admin }),
      await dashboard({
        extraHeaders: { authorization: `Bearer ${app.tokens.viewer}` },
        transports: ['websocket'],
      }),
    ];
    const t = nowSeconds();
    await post(update({ room_id: 'upd_e', platform: 'chaturbate', tokens_count: 1, timestamp: t }));
    await post(update({ room_id: 'upd_e', platform: 'stripchat', tokens_count: 2, timestamp: t }));
    await post(update({ room_id: 'upd_marker_e', tokens_count: 3 }));

    for (const recorder of dashboards) {
      await recorder.updateOf('upd_marker_e', 3);
      expect(
        recorder.updates.map((e) => `${e.data.platform}:${e.room_id}:${e.data.tokens}`),
      ).toEqual(['chaturbate:upd_e:1', 'stripchat:upd_e:2', 'chaturbate:upd_marker_e:3']);
    }
  });
});
