import type { Socket } from 'socket.io-client';
import type { Ack, Platform, Snapshot, SubscriptionFilter } from '@roompulse/contracts';
import {
  DashboardRecorder,
  connect,
  dashboardClient,
  nextEvent,
  postTelemetry,
  type DashboardClient,
} from '../testing/dashboard-client';
import { STORE_KINDS, startTestApp, update, type TestApp } from '../testing/test-app';
import { RealtimeGateway } from './realtime.gateway';
import { MAX_FILTER_ENTRIES } from './subscription';

describe.each(STORE_KINDS)(`${RealtimeGateway.name} subscribe (%s store)`, (store) => {
  let app: TestApp;
  const clients: DashboardClient[] = [];
  let markers = 0;

  async function dashboard(): Promise<DashboardRecorder> {
    const client = dashboardClient(app.url, { token: app.tokens.viewer });
    clients.push(client);
    const recorder = new DashboardRecorder(client);
    const snapshot = nextEvent(client, 'SNAPSHOT');
    await connect(client);
    await snapshot;
    return recorder;
  }

  function subscribe(
    recorder: DashboardRecorder,
    filter: unknown,
  ): Promise<Ack<SubscriptionFilter>> {
    return recorder.client.timeout(5000).emitWithAck('subscribe', filter as SubscriptionFilter);
  }

  async function post(roomId: string, platform: Platform, tokens: number): Promise<void> {
    const { status } = await postTelemetry(
      app.url,
      app.tokens.ingest,
      update({ room_id: roomId, platform, tokens_count: tokens }),
    );
    expect(status).toBe(202);
  }

  /**
   * Every post is timestamped "now", so none is ever stale. Posts the updates, then a marker the filter lets through, and returns what arrived up to the
   * marker as `platform:room_id`; the marker proves that everything posted before it had its chance.
   */
  async function received(
    recorder: DashboardRecorder,
    updates: [string, Platform][],
    marker: [string, Platform],
  ): Promise<string[]> {
    const first = recorder.updates.length;
    for (const [roomId, platform] of updates) await post(roomId, platform, 1);
    const tokens = 1000 + ++markers;
    await post(marker[0], marker[1], tokens);
    await recorder.update((e) => e.room_id === marker[0] && e.data.tokens === tokens);
    return recorder.updates.slice(first, -1).map((e) => `${e.data.platform}:${e.room_id}`);
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

  const mix: [string, Platform][] = [
    ['alice', 'chaturbate'],
    ['alice', 'stripchat'],
    ['bob', 'chaturbate'],
    ['carol', 'camsoda'],
  ];

  it('narrows to the subscribed platforms', async () => {
    const recorder = await dashboard();
    expect(await subscribe(recorder, { platforms: ['stripchat', 'camsoda'] })).toEqual({
      ok: true,
      data: { platforms: ['stripchat', 'camsoda'] },
    });
    expect(await received(recorder, mix, ['marker', 'camsoda'])).toEqual([
      'stripchat:alice',
      'camsoda:carol',
    ]);
  });

  it('narrows to a room id on every platform', async () => {
    const recorder = await dashboard();
    expect(await subscribe(recorder, { rooms: ['alice', 'marker'] })).toEqual({
      ok: true,
      data: { rooms: ['alice', 'marker'] },
    });
    expect(await received(recorder, mix, ['marker', 'chaturbate'])).toEqual([
      'chaturbate:alice',
      'stripchat:alice',
    ]);
  });

  it('narrows to exactly one room with platform:room_id', async () => {
    const recorder = await dashboard();
    expect(
      await subscribe(recorder, { rooms: ['stripchat:alice', 'chaturbate:marker'] }),
    ).toMatchObject({ ok: true });
    expect(await received(recorder, mix, ['marker', 'chaturbate'])).toEqual(['stripchat:alice']);
  });

  it('applies platforms and rooms together (both must hold)', async () => {
    const recorder = await dashboard();
    expect(
      await subscribe(recorder, { platforms: ['chaturbate'], rooms: ['alice', 'marker'] }),
    ).toMatchObject({ ok: true });
    expect(await received(recorder, mix, ['marker', 'chaturbate'])).toEqual(['chaturbate:alice']);
  });

  it('widens back to everything with an empty filter', async () => {
    const recorder = await dashboard();
    await subscribe(recorder, { platforms: ['camsoda'] });
    expect(await received(recorder, mix, ['marker', 'camsoda'])).toEqual(['camsoda:carol']);

    expect(await subscribe(recorder, {})).toEqual({ ok: true, data: {} });
    expect(await received(recorder, mix, ['marker', 'chaturbate'])).toEqual(
      mix.map(([r, p]) => `${p}:${r}`),
    );

    await subscribe(recorder, { platforms: ['camsoda'] });
    expect(await subscribe(recorder, { platforms: [], rooms: [] })).toEqual({ ok: true, data: {} });
    expect(await received(recorder, mix, ['marker', 'chaturbate'])).toEqual(
      mix.map(([r, p]) => `${p}:${r}`),
    );
  });

  it('answers the effective filter: duplicates removed, platforms in canonical order', async () => {
    const recorder = await dashboard();
    expect(
      await subscribe(recorder, {
        platforms: ['stripchat', 'chaturbate', 'stripchat'],
        rooms: ['alice', 'alice', 'chaturbate:bob'],
      }),
    ).toEqual({
      ok: true,
      data: { platforms: ['chaturbate', 'stripchat'], rooms: ['alice', 'chaturbate:bob'] },
    });
  });

  it('answers `snapshot` with the rooms the filter lets through', async () => {
    for (const [roomId, platform] of mix) await post(roomId, platform, 5);
    const recorder = await dashboard();
    await subscribe(recorder, { platforms: ['chaturbate'], rooms: ['alice', 'bob'] });
    const answer: Ack<Snapshot> = await recorder.client.timeout(5000).emitWithAck('snapshot');
    expect(answer.ok && answer.data.rooms.map((r) => `${r.platform}:${r.room_id}`)).toEqual([
      'chaturbate:alice',
      'chaturbate:bob',
    ]);

    await subscribe(recorder, {});
    const everything: Ack<Snapshot> = await recorder.client.timeout(5000).emitWithAck('snapshot');
    expect(everything.ok && everything.data.rooms.map((r) => `${r.platform}:${r.room_id}`)).toEqual(
      expect.arrayContaining(mix.map(([r, p]) => `${p}:${r}`)),
    );
  });

  const invalid: [string, unknown, string][] = [
    [
      'a string',
      'chaturbate',
      'subscribe expects an object { platforms?: string[], rooms?: string[] }',
    ],
    ['null', null, 'subscribe expects an object { platforms?: string[], rooms?: string[] }'],
    [
      'an array',
      ['chaturbate'],
      'subscribe expects an object { platforms?: string[], rooms?: string[] }',
    ],
    ['an unknown field', { platform: ['chaturbate'] }, 'unknown field "platform"'],
    ['platforms that is not an array', { platforms: 'chaturbate' }, 'platforms must be an array'],
    [
      'an unknown platform',
      { platforms: ['chaturbate', 'onlyfans'] },
      'platforms[1] must be one of: chaturbate, stripchat, camsoda',
    ],
    [
      'a room id with a slash',
      { rooms: ['bad/room'] },
      'rooms[0] must be a room id (1-64 characters of A-Z, a-z, 0-9, _ . -) or platform:room_id',
    ],
    [
      'a room on an unknown platform',
      { rooms: ['alice', 'onlyfans:alice'] },
      'rooms[1] must be a room id (1-64 characters of A-Z, a-z, 0-9, _ . -) or platform:room_id',
    ],
    [
      'a room that is not a string',
      { rooms: [42] },
      'rooms[0] must be a room id (1-64 characters of A-Z, a-z, 0-9, _ . -) or platform:room_id',
    ],
    [
      'a room on a platform the filter leaves out',
      { platforms: ['stripchat'], rooms: ['chaturbate:alice'] },
      'rooms[0] is on chaturbate, which "platforms" leaves out',
    ],
    [
      'too many rooms',
      { rooms: Array.from({ length: MAX_FILTER_ENTRIES + 1 }, (_, i) => `r${i}`) },
      `rooms must not hold more than ${MAX_FILTER_ENTRIES} entries`,
    ],
  ];

  it.each(invalid)(
    'refuses %s with an error ack and keeps the previous filter',
    async (_case, payload, error) => {
      const recorder = await dashboard();
      await subscribe(recorder, { platforms: ['camsoda'] });
      expect(await subscribe(recorder, payload)).toEqual({ ok: false, error });
      expect(await received(recorder, mix, ['marker', 'camsoda'])).toEqual(['camsoda:carol']);
    },
  );

  it('answers an unknown event with an error ack and stays usable', async () => {
    const recorder = await dashboard();
    const raw = recorder.client as unknown as Socket;
    expect(await raw.timeout(5000).emitWithAck('unsubscribe', { rooms: ['alice'] })).toEqual({
      ok: false,
      error: 'unknown event "unsubscribe"',
    });
    raw.emit('disconnect-me-please');
    expect(await subscribe(recorder, { platforms: ['camsoda'] })).toMatchObject({ ok: true });
    expect(recorder.client.connected).toBe(true);
  });

  it('survives a malformed subscribe without an ack callback', async () => {
    const recorder = await dashboard();
    (recorder.client as unknown as Socket).emit('subscribe', { platforms: 42 });
    (recorder.client as unknown as Socket).emit('subscribe');
    const answer: Ack<Snapshot> = await recorder.client.timeout(5000).emitWithAck('snapshot');
    expect(answer.ok).toBe(true);
    expect(recorder.client.connected).toBe(true);
  });
});
