import type { Platform, RealtimeEvent } from '@roompulse/contracts';
import {
  DashboardRecorder,
  connect,
  dashboardClient,
  getJson,
  nextEvent,
  type DashboardClient,
} from '../testing/dashboard-client';
import { STORE_KINDS, nowSeconds, startTestApp, update, type TestApp } from '../testing/test-app';
import { BURST, FRAME_MS, RealtimePublisher } from './realtime.publisher';

/** What one dashboard received, packet by packet. */
class PacketLog {
  readonly packets: { event: 'TELEMETRY_UPDATE' | 'TELEMETRY_BATCH'; events: RealtimeEvent[] }[] =
    [];

  constructor(readonly recorder: DashboardRecorder) {
    recorder.client.on('TELEMETRY_UPDATE', (event) =>
      this.packets.push({ event: 'TELEMETRY_UPDATE', events: [event] }),
    );
    recorder.client.on('TELEMETRY_BATCH', (events) =>
      this.packets.push({ event: 'TELEMETRY_BATCH', events }),
    );
  }

  /** `platform:room_id:tokens` of every update, in order of arrival. */
  get seen(): string[] {
    return this.recorder.updates.map((e) => `${e.data.platform}:${e.room_id}:${e.data.tokens}`);
  }
}

describe.each(STORE_KINDS)(`${RealtimePublisher.name} frames (%s store)`, (store) => {
  let app: TestApp;
  const clients: DashboardClient[] = [];
  let marker = 0;

  async function dashboard(filter?: { platforms?: Platform[]; rooms?: string[] }) {
    const client = dashboardClient(app.url, { token: app.tokens.viewer });
    clients.push(client);
    const log = new PacketLog(new DashboardRecorder(client));
    const snapshot = nextEvent(client, 'SNAPSHOT');
    await connect(client);
    await snapshot;
    if (filter) {
      expect(await client.timeout(5000).emitWithAck('subscribe', filter)).toMatchObject({
        ok: true,
      });
    }
    return log;
  }

  async function postBatch(updates: Record<string, unknown>[]): Promise<void> {
    const response = await fetch(`${app.url}/api/tracking/telemetry/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.tokens.ingest}` },
      body: JSON.stringify({ updates }),
    });
    expect(response.status).toBe(200);
  }

  /** Waits out the current frame so that the next update finds a quiet stream. */
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 3 * FRAME_MS));

  /** A last update every dashboard lets through, to know that everything before it arrived. */
  async function drain(
    logs: PacketLog[],
    roomId = 'frm_marker',
    platform: Platform = 'chaturbate',
  ): Promise<void> {
    const tokens = 1_000_000 + ++marker;
    await quiet();
    await postBatch([update({ room_id: roomId, platform, tokens_count: tokens })]);
    await Promise.all(logs.map((log) => log.recorder.updateOf(roomId, tokens)));
  }

  beforeAll(async () => {
    app = await startTestApp({ store });
  });

  beforeEach(quiet);

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('sends the updates of a quiet stream one by one, as TELEMETRY_UPDATE', async () => {
    const log = await dashboard();
    await postBatch([update({ room_id: 'frm_q1', tokens_count: 1 })]);
    await log.recorder.updateOf('frm_q1', 1);
    await quiet();
    await postBatch([update({ room_id: 'frm_q2', tokens_count: 2 })]);
    await log.recorder.updateOf('frm_q2', 2);

    expect(log.packets.map((p) => p.event)).toEqual(['TELEMETRY_UPDATE', 'TELEMETRY_UPDATE']);
  });

  it(`gathers a burst after the first ${BURST} updates into a TELEMETRY_BATCH, in write order`, async () => {
    const log = await dashboard();
    const burst = Array.from({ length: 12 }, (_, i) =>
      update({ room_id: `frm_b${String(i).padStart(2, '0')}`, tokens_count: i }),
    );
    await postBatch(burst);
    await log.recorder.updateOf('frm_b11', 11);

    expect(log.packets.slice(0, BURST).map((p) => p.event)).toEqual(
      Array(BURST).fill('TELEMETRY_UPDATE'),
    );
    expect(log.packets[BURST]).toMatchObject({ event: 'TELEMETRY_BATCH' });
    expect(log.seen).toEqual(burst.map((u) => `chaturbate:${u.room_id}:${u.tokens_count}`));
  });

  it('sends a room that changed twice within a busy frame once, with its newer figures', async () => {
    const log = await dashboard();
    const t = nowSeconds();
    const warmUp = Array.from({ length: BURST }, (_, i) =>
      update({ room_id: `frm_w${i}`, tokens_count: i }),
    );
    await postBatch([
      ...warmUp,
      update({ room_id: 'frm_twice', tokens_count: 10, timestamp: t - 1 }),
      update({ room_id: 'frm_twice', tokens_count: 20, timestamp: t }),
    ]);
    await drain([log]);

    expect(log.seen.filter((s) => s.startsWith('chaturbate:frm_twice:'))).toEqual([
      'chaturbate:frm_twice:20',
    ]);
  });

  it('gives platform- and room-filtered dashboards exactly their updates from a busy frame', async () => {
    const all = await dashboard();
    const camsoda = await dashboard({ platforms: ['camsoda'] });
    const oneRoom = await dashboard({ rooms: ['stripchat:frm_r1', 'frm_marker'] });
    const burst = [
      ...Array.from({ length: BURST }, (_, i) => update({ room_id: `frm_p${i}` })),
      update({ room_id: 'frm_r1', platform: 'stripchat', tokens_count: 1 }),
      update({ room_id: 'frm_r1', platform: 'camsoda', tokens_count: 2 }),
      update({ room_id: 'frm_r2', platform: 'stripchat', tokens_count: 3 }),
    ];
    await postBatch(burst);
    await drain([all, oneRoom]);
    await drain([camsoda], 'frm_marker', 'camsoda');
    const updates = (log: PacketLog) => log.seen.filter((s) => !s.includes('frm_marker'));

    expect(updates(all)).toEqual(burst.map((u) => `${u.platform}:${u.room_id}:${u.tokens_count}`));
    expect(updates(camsoda)).toEqual(['camsoda:frm_r1:2']);
    expect(updates(oneRoom)).toEqual(['stripchat:frm_r1:1']);
  });

  it('ends every dashboard with the figures the store holds', async () => {
    const logs = [await dashboard(), await dashboard({ platforms: ['stripchat'] })];
    for (let round = 0; round < 3; round++) {
      await postBatch(
        Array.from({ length: 30 }, (_, i) =>
          update({
            room_id: `frm_s${i}`,
            platform: i % 2 ? 'stripchat' : 'chaturbate',
            tokens_count: round * 100 + i,
          }),
        ),
      );
    }
    await drain([logs[0]]);
    await drain([logs[1]], 'frm_marker', 'stripchat');
    const rooms = (
      (await getJson(app.url, '/api/tracking/rooms', app.tokens.viewer)).body as {
        rooms: { room_id: string; platform: string; tokens_count: number }[];
      }
    ).rooms.filter((r) => r.room_id.startsWith('frm_s'));

    for (const room of rooms) {
      const key = `${room.platform}:${room.room_id}`;
      expect(logs[0].recorder.figures.get(key)?.tokens).toBe(room.tokens_count);
      if (room.platform === 'stripchat')
        expect(logs[1].recorder.figures.get(key)?.tokens).toBe(room.tokens_count);
    }
    expect(logs[1].seen.some((s) => s.startsWith('chaturbate:frm_s'))).toBe(false);
  });
});
