import type { Socket } from 'socket.io-client';
import type { SubscriptionFilter } from '@roompulse/contracts';
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
  type DashboardClientOptions,
} from '../testing/dashboard-client';
import { STORE_KINDS, startTestApp, update, type TestApp } from '../testing/test-app';
import { RealtimeGateway } from './realtime.gateway';

const MAX_EVENTS = 5;
const MAX_BYTES = 2048;

describe.each(STORE_KINDS)(
  `${RealtimeGateway.name} flood and oversize protection (%s store)`,
  (store) => {
    let app: TestApp;
    const clients: DashboardClient[] = [];
    let tokens = 0;

    async function dashboard(options: DashboardClientOptions = {}): Promise<DashboardRecorder> {
      const client = dashboardClient(app.url, { token: app.tokens.viewer, ...options });
      clients.push(client);
      const recorder = new DashboardRecorder(client);
      const snapshot = nextEvent(client, 'SNAPSHOT');
      await connect(client);
      await snapshot;
      return recorder;
    }

    /** The bystander still gets live updates and answers, and is still connected. */
    async function expectUnaffected(bystander: DashboardRecorder): Promise<void> {
      const tokensCount = ++tokens;
      expect(
        (
          await postTelemetry(
            app.url,
            app.tokens.ingest,
            update({ room_id: 'abuse_probe', tokens_count: tokensCount }),
          )
        ).status,
      ).toBe(202);
      await bystander.updateOf('abuse_probe', tokensCount);
      expect(await bystander.client.timeout(5000).emitWithAck('snapshot')).toMatchObject({
        ok: true,
      });
      expect(bystander.client.connected).toBe(true);
    }

    const connections = async () =>
      ((await getJson(app.url, '/health')).body as { connections: number }).connections;

    beforeAll(async () => {
      app = await startTestApp({
        store,
        env: { WS_MAX_EVENTS_PER_10S: String(MAX_EVENTS), WS_MAX_MESSAGE_BYTES: String(MAX_BYTES) },
      });
    });

    beforeEach(() =>
      until(async () => (await connections()) === 0, 'no dashboard is left from the previous test'),
    );

    afterEach(() => {
      for (const client of clients.splice(0)) client.disconnect();
    });

    afterAll(async () => {
      await app?.close();
    });

    it(`answers a burst of ${MAX_EVENTS} events (WS_MAX_EVENTS_PER_10S) and stays connected`, async () => {
      const client = (await dashboard()).client;
      const answers = await Promise.all(
        Array.from({ length: MAX_EVENTS }, () => client.timeout(5000).emitWithAck('subscribe', {})),
      );
      expect(answers).toEqual(Array.from({ length: MAX_EVENTS }, () => ({ ok: true, data: {} })));
      expect(client.connected).toBe(true);
    });

    it.each([
      ['subscribe', [{ platforms: ['camsoda'] }]],
      ['snapshot', []],
      ['an unknown event', ['hello']],
    ])(
      'disconnects a client flooding %s after SESSION_ENDED rate_limited; others are untouched',
      async (event, args) => {
        const bystander = await dashboard();
        const flooder = await dashboard();
        const ended = nextEvent(flooder.client, 'SESSION_ENDED');
        const gone = disconnected(flooder.client);

        const raw = flooder.client as unknown as Socket;
        for (let i = 0; i < MAX_EVENTS * 4; i++)
          raw.emit(event === 'an unknown event' ? 'hello' : event, ...args);

        expect(await ended).toEqual({
          reason: 'rate_limited',
          message: 'Too many messages from this dashboard; the connection was closed.',
        });
        expect(await gone).toBe('io server disconnect');
        await until(async () => (await connections()) === 1, 'the server dropped the flooder');
        await expectUnaffected(bystander);
      },
    );

    it.each([
      ['websocket', ['websocket'], ['transport close']],
      ['polling', ['polling'], ['transport error', 'transport close']],
    ])(
      `refuses a message above WS_MAX_MESSAGE_BYTES (%s) by closing that connection only`,
      async (_name, transports, reasons) => {
        const bystander = await dashboard();
        const oversized = await dashboard({ transports });
        const gone = disconnected(oversized.client);
        const filter: SubscriptionFilter = {
          rooms: Array.from({ length: 100 }, (_, i) => `room_with_a_long_name_${i}`),
        };
        expect(Buffer.byteLength(JSON.stringify(filter))).toBeGreaterThan(MAX_BYTES);
        let answered = false;
        oversized.client.emit('subscribe', filter, () => {
          answered = true;
        });

        expect(reasons).toContain(await gone);
        expect(answered).toBe(false);
        await expectUnaffected(bystander);
      },
    );
  },
);
