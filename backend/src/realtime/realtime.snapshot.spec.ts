import type { Ack, Snapshot } from '@roompulse/contracts';
import {
  DashboardRecorder,
  connect,
  dashboardClient,
  nextEvent,
  postTelemetry,
  type DashboardClient,
} from '../testing/dashboard-client';
import { STORE_KINDS, nowSeconds, startTestApp, update, type TestApp } from '../testing/test-app';
import { RealtimeGateway } from './realtime.gateway';

describe.each(STORE_KINDS)(`${RealtimeGateway.name} snapshot (%s store)`, (store) => {
  let app: TestApp;
  const clients: DashboardClient[] = [];

  /** A connected viewer whose recorder saw everything from the first packet on. */
  async function dashboard(): Promise<{ recorder: DashboardRecorder; snapshot: Snapshot }> {
    const client = dashboardClient(app.url, { token: app.tokens.viewer });
    clients.push(client);
    const recorder = new DashboardRecorder(client);
    const snapshot = nextEvent(client, 'SNAPSHOT');
    await connect(client);
    return { recorder, snapshot: await snapshot };
  }

  async function post(body: Record<string, unknown>): Promise<void> {
    const { status } = await postTelemetry(app.url, app.tokens.ingest, body);
    expect(status).toBe(202);
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

  it('sends on connect every room posted before, with its latest figures, ordered by platform and room', async () => {
    const t = nowSeconds() - 30;
    const first = update({
      room_id: 'snap_a',
      platform: 'stripchat',
      tokens_count: 10,
      timestamp: t,
    });
    const latest = update({
      room_id: 'snap_a',
      platform: 'stripchat',
      tokens_count: 25,
      tips_count: 4,
      timestamp: t + 5,
    });
    const other = update({
      room_id: 'snap_b',
      platform: 'chaturbate',
      tokens_count: 7,
      viewers_count: 3,
      timestamp: t,
    });
    const stale = update({
      room_id: 'snap_a',
      platform: 'stripchat',
      tokens_count: 1,
      timestamp: t + 1,
    });
    for (const body of [first, latest, other]) await post(body);
    expect((await postTelemetry(app.url, app.tokens.ingest, stale)).body).toMatchObject({
      status: 'stale',
    });

    const before = Date.now();
    const { snapshot } = await dashboard();

    expect(snapshot.rooms).toEqual([
      { ...other, received_at: expect.any(Number) },
      { ...latest, received_at: expect.any(Number) },
    ]);
    expect(snapshot.server_time).toBeGreaterThanOrEqual(before);
    for (const room of snapshot.rooms) expect(room.received_at).toBeLessThanOrEqual(before);
  });

  it('answers `snapshot` with the same figures as the SNAPSHOT sent on connect', async () => {
    await post(update({ room_id: 'snap_c', platform: 'camsoda', tokens_count: 99 }));
    const { recorder, snapshot } = await dashboard();
    const answer: Ack<Snapshot> = await recorder.client.timeout(5000).emitWithAck('snapshot');
    expect(answer).toEqual({
      ok: true,
      data: { rooms: snapshot.rooms, server_time: expect.any(Number) },
    });
    expect(snapshot.rooms).toContainEqual(
      expect.objectContaining({ room_id: 'snap_c', platform: 'camsoda', tokens_count: 99 }),
    );
  });

  it('keeps an early dashboard in step: its SNAPSHOT plus updates show what a later SNAPSHOT holds', async () => {
    const early = await dashboard();
    const t = nowSeconds();
    await post(
      update({ room_id: 'snap_d', platform: 'chaturbate', tokens_count: 5, timestamp: t }),
    );
    await post(
      update({ room_id: 'snap_d', platform: 'chaturbate', tokens_count: 6, timestamp: t + 1 }),
    );
    await early.recorder.updateOf('snap_d', 6);

    const late = await dashboard();

    expect(early.recorder.shown()).toEqual(late.recorder.shown());
    expect(late.recorder.shown()['chaturbate:snap_d']).toEqual({
      tokens: 6,
      tips: 3,
      viewers: 42,
      timestamp: t + 1,
    });
    expect(late.recorder.updates).toEqual([]);
  });
});
