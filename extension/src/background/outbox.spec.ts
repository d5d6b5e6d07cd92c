import type { TelemetryBatchResult, TelemetryUpdateData } from '@roompulse/contracts';
import { MemoryStorageArea } from '../../test/memory-storage-area';
import { STORAGE_KEYS, TypedStorage, type LocalSchema, type QueuedUpdate } from '../shared/storage';
import type { Credentials } from './auth';
import type { FetchLike } from './http';
import {
  BATCH_PATH,
  TELEMETRY_PATH,
  TelemetryOutbox,
  backoffDelay,
  trimToNewestPerRoom,
} from './outbox';

const START = Date.parse('2025-06-01T20:00:00Z');
const BACKEND = 'https://rp.example.com';

function update(
  room: string,
  tokens = 100,
  platform: TelemetryUpdateData['platform'] = 'chaturbate',
): TelemetryUpdateData {
  return {
    room_id: room,
    platform,
    tokens_count: tokens,
    tips_count: 3,
    viewers_count: 40,
    timestamp: START / 1000,
  };
}

interface Request {
  path: string;
  authorization: string | undefined;
  body: unknown;
}

type Answer = { status: number; body?: unknown } | Error;

/** A healthy backend: 202 for a single update, every batch item accepted. */
function acceptAll(req: Request): Answer {
  if (req.path !== BATCH_PATH) return { status: 202, body: { status: 'accepted' } };
  const { updates } = req.body as { updates: TelemetryUpdateData[] };
  return {
    status: 200,
    body: {
      results: updates.map((u, index) => ({
        index,
        status: 'accepted',
        room_id: u.room_id,
        platform: u.platform,
      })),
    },
  };
}

/**
 * An outbox over in-memory storage, a scripted backend and a scheduler on Jest's fake timers
 * (like the service worker's timer + alarm). `answer` decides each response.
 */
function harness(
  options: {
    answer?: (req: Request) => Answer;
    random?: number;
    maxQueued?: number;
    area?: MemoryStorageArea;
  } = {},
) {
  const area = options.area ?? new MemoryStorageArea();
  const storage = new TypedStorage<LocalSchema>(area);
  const requests: Request[] = [];
  const wakeDelays: number[] = [];
  const warnings: string[] = [];
  let credentials: Credentials = { ok: true, backendUrl: BACKEND, token: 'token-1' };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastWakeAt: number | null = null;
  const answer = options.answer ?? acceptAll;

  const fetch: FetchLike = async (url, init) => {
    const req = {
      path: url.slice(BACKEND.length),
      authorization: init.headers['Authorization'],
      body: JSON.parse(init.body),
    };
    requests.push(req);
    const result = answer(req);
    if (result instanceof Error) throw result;
    return { status: result.status, json: async () => result.body };
  };

  const outbox: TelemetryOutbox = new TelemetryOutbox({
    storage,
    fetch,
    now: () => Date.now(),
    random: () => options.random ?? 0.5,
    scheduler: {
      wakeAt(at) {
        if (timer !== null) clearTimeout(timer);
        if (at !== lastWakeAt) wakeDelays.push(at - Date.now()); // re-arming the same deadline is a no-op
        lastWakeAt = at;
        timer = setTimeout(() => void outbox.flush(), at - Date.now());
      },
      cancel() {
        if (timer !== null) clearTimeout(timer);
        timer = null;
      },
    },
    credentials: async () => credentials,
    log: { warn: (message) => warnings.push(message) },
    maxQueued: options.maxQueued,
  });

  return {
    outbox,
    area,
    requests,
    wakeDelays,
    warnings,
    signOut: () => (credentials = { ok: false, reason: 'signed-out' }),
    signIn: () => (credentials = { ok: true, backendUrl: BACKEND, token: 'token-2' }),
    expire: () => (credentials = { ok: false, reason: 'expired' }),
    queued: async () => (await outbox.read()).items.map((i) => i.update.room_id),
  };
}

describe(TelemetryOutbox.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: START }));
  afterEach(() => jest.useRealTimers());

  it('posts a lone update to the single endpoint with the bearer token', async () => {
    const h = harness();
    expect(await h.outbox.enqueue(update('alice'))).toBe(1);
    await h.outbox.flush();

    expect(h.requests).toEqual([
      { path: TELEMETRY_PATH, authorization: 'Bearer token-1', body: update('alice') },
    ]);
    const state = await h.outbox.read();
    expect(state.items).toEqual([]);
    expect(state.lastDeliveryAt).toBe(START);
    expect(state.lastError).toBeNull();
  });

  it('uses the batch endpoint when more than one update is waiting, in enqueue order', async () => {
    const h = harness({
      answer: (req) =>
        req.path === BATCH_PATH
          ? {
              status: 200,
              body: {
                results: [0, 1, 2].map((index) => ({
                  index,
                  status: 'accepted',
                  room_id: 'x',
                  platform: 'chaturbate',
                })),
              },
            }
          : { status: 500 },
    });
    h.signOut();
    await h.outbox.enqueue(update('alice', 1));
    await h.outbox.enqueue(update('bella', 2));
    await h.outbox.enqueue(update('alice', 3));
    await h.outbox.flush();
    expect(h.requests).toEqual([]);

    h.signIn();
    await h.outbox.flush();
    expect(h.requests).toEqual([
      {
        path: BATCH_PATH,
        authorization: 'Bearer token-2',
        body: { updates: [update('alice', 1), update('bella', 2), update('alice', 3)] },
      },
    ]);
    expect(await h.queued()).toEqual([]);
  });

  it('settles a batch item by item: accepted and stale are done, invalid is dropped with its reason logged', async () => {
    const results: TelemetryBatchResult[] = [
      { index: 0, status: 'accepted', room_id: 'alice', platform: 'chaturbate' },
      { index: 1, status: 'stale', room_id: 'bella', platform: 'chaturbate' },
      {
        index: 2,
        status: 'invalid',
        room_id: 'carla',
        errors: [{ field: 'timestamp', reason: 'timestamp must not be older than 3600 s' }],
      },
    ];
    const h = harness({ answer: () => ({ status: 200, body: { results } }) });
    h.signOut();
    for (const room of ['alice', 'bella', 'carla']) await h.outbox.enqueue(update(room));
    h.signIn();
    await h.outbox.flush();

    expect(h.requests).toHaveLength(1);
    expect(await h.queued()).toEqual([]);
    expect(h.warnings).toEqual([
      'RoomPulse: dropped an update the backend refused: timestamp: timestamp must not be older than 3600 s',
    ]);
    expect((await h.outbox.read()).lastError).toBe(
      'Dropped 1 invalid update(s): timestamp: timestamp must not be older than 3600 s',
    );
  });

  it('keeps batch items the answer does not mention and sends them again', async () => {
    let call = 0;
    const h = harness({
      answer: () =>
        ++call === 1
          ? {
              status: 200,
              body: {
                results: [
                  { index: 0, status: 'accepted', room_id: 'alice', platform: 'chaturbate' },
                ],
              },
            }
          : { status: 202, body: { status: 'accepted' } },
    });
    h.signOut();
    await h.outbox.enqueue(update('alice'));
    await h.outbox.enqueue(update('bella'));
    h.signIn();
    await h.outbox.flush();
    expect(h.requests.map((r) => r.path)).toEqual([BATCH_PATH, TELEMETRY_PATH]);
    expect(h.requests[1].body).toEqual(update('bella'));
    expect(await h.queued()).toEqual([]);
  });

  it('drops a single update answered 400, logs why, and does not retry it', async () => {
    const h = harness({
      answer: () => ({
        status: 400,
        body: {
          statusCode: 400,
          message: ['room_id must be 1-64 characters'],
          error: 'Bad Request',
        },
      }),
    });
    await h.outbox.enqueue(update('alice'));
    await h.outbox.flush();
    await jest.advanceTimersByTimeAsync(10 * 60_000);

    expect(h.requests).toHaveLength(1);
    expect(await h.queued()).toEqual([]);
    expect(h.warnings).toEqual([
      'RoomPulse: dropped an update the backend refused: room_id must be 1-64 characters',
    ]);
    expect(h.wakeDelays).toEqual([]);
  });

  it('re-sends a batch refused as a whole (400) one update at a time', async () => {
    const h = harness({
      answer: (req) =>
        req.path === BATCH_PATH
          ? { status: 400, body: { message: 'updates must contain at most 500 elements' } }
          : { status: 202 },
    });
    h.signOut();
    await h.outbox.enqueue(update('alice'));
    await h.outbox.enqueue(update('bella'));
    h.signIn();
    await h.outbox.flush();
    expect(h.requests.map((r) => r.path)).toEqual([BATCH_PATH, TELEMETRY_PATH, TELEMETRY_PATH]);
    expect(await h.queued()).toEqual([]);
  });

  it('pauses on 401: keeps the queue, stops retrying, and resumes after sign-in', async () => {
    let status = 401;
    const h = harness({ answer: () => ({ status }) });
    await h.outbox.enqueue(update('alice'));
    await h.outbox.flush();
    await h.outbox.enqueue(update('bella'));
    await h.outbox.flush();
    await jest.advanceTimersByTimeAsync(10 * 60_000);

    expect(h.requests).toHaveLength(1);
    const paused = await h.outbox.read();
    expect(paused.unauthorized).toBe(true);
    expect(paused.lastError).toBe('The backend refused the token (HTTP 401): sign in again');
    expect(await h.queued()).toEqual(['alice', 'bella']);

    status = 202;
    h.signIn();
    await h.outbox.resume();
    await h.outbox.flush();
    expect(h.requests.slice(1).map((r) => [r.path, r.authorization])).toEqual([
      [BATCH_PATH, 'Bearer token-2'],
    ]);
  });

  it('treats an expired token like a 401, without calling the backend', async () => {
    const h = harness();
    h.expire();
    await h.outbox.enqueue(update('alice'));
    await h.outbox.flush();
    expect(h.requests).toEqual([]);
    expect(await h.outbox.read()).toMatchObject({
      unauthorized: true,
      lastError: 'Session expired: sign in again',
    });
  });

  it('retries 5xx with exponential backoff and jitter, capped at 60 s, then delivers', async () => {
    let failures = 9;
    const h = harness({
      answer: () =>
        failures-- > 0
          ? { status: 503, body: { message: 'Service Unavailable' } }
          : { status: 202 },
    });
    await h.outbox.enqueue(update('alice'));
    await h.outbox.flush();
    await jest.advanceTimersByTimeAsync(10 * 60_000);

    // random = 0.5: three quarters of min(60 s, 1 s · 2^(n-1)).
    expect(h.wakeDelays).toEqual([
      750, 1_500, 3_000, 6_000, 12_000, 24_000, 45_000, 45_000, 45_000,
    ]);
    expect(h.requests).toHaveLength(10);
    const state = await h.outbox.read();
    expect(state.items).toEqual([]);
    expect(state).toMatchObject({ attempt: 0, nextAttemptAt: null, lastError: null });
  });

  it('does not hit the backend before the backoff delay is over', async () => {
    const h = harness({ answer: () => ({ status: 502 }) });
    await h.outbox.enqueue(update('alice'));
    await h.outbox.flush();
    await h.outbox.enqueue(update('bella')); // immediate attempt is skipped while backing off
    await h.outbox.flush();
    expect(h.requests).toHaveLength(1);
    expect((await h.outbox.read()).lastError).toBe('Backend error: HTTP 502');
    await jest.advanceTimersByTimeAsync(749);
    expect(h.requests).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(h.requests).toHaveLength(2);
  });

  it('retries network errors the same way', async () => {
    let down = true;
    const h = harness({
      answer: () => (down ? new TypeError('Failed to fetch') : { status: 202 }),
    });
    await h.outbox.enqueue(update('alice'));
    await h.outbox.flush();
    expect((await h.outbox.read()).lastError).toBe('Backend unreachable (Failed to fetch)');
    down = false;
    await jest.advanceTimersByTimeAsync(750);
    expect(await h.queued()).toEqual([]);
    expect(h.requests).toHaveLength(2);
  });

  it('survives a service worker restart: a new outbox over the same storage delivers the queue', async () => {
    const area = new MemoryStorageArea();
    const first = harness({ area, answer: () => ({ status: 500 }) });
    await first.outbox.enqueue(update('alice', 10));
    await first.outbox.enqueue(update('alice', 20));
    await first.outbox.flush();
    expect(JSON.parse(area.data.get(STORAGE_KEYS.outbox) as string)).toMatchObject({
      attempt: 1,
      nextAttemptAt: START + 750,
    });

    jest.clearAllTimers(); // the worker is stopped: its timers are gone
    const second = harness({ area });
    await second.outbox.flush();
    expect(second.requests).toEqual([]); // still inside the backoff window
    await jest.advanceTimersByTimeAsync(750); // the alarm brings the worker back
    await second.outbox.flush();
    expect(second.requests.map((r) => r.path)).toEqual([BATCH_PATH]);
    const sent = (second.requests[0].body as { updates: TelemetryUpdateData[] }).updates;
    expect(sent.map((u) => u.tokens_count)).toEqual([10, 20]);
    expect(await second.queued()).toEqual([]);
  });

  it('delivers an update enqueued while a request is in flight', async () => {
    const h = harness();
    const first = h.outbox.enqueue(update('alice'));
    const second = h.outbox.enqueue(update('bella'));
    await Promise.all([first, second]);
    await h.outbox.flush();
    expect(await h.queued()).toEqual([]);
    expect(
      h.requests.flatMap((r) =>
        r.path === BATCH_PATH ? (r.body as { updates: TelemetryUpdateData[] }).updates : [r.body],
      ),
    ).toEqual([update('alice'), update('bella')]);
  });

  it('bounds the queue, keeping the newest update of every room', async () => {
    const h = harness({ maxQueued: 4 });
    h.signOut();
    await h.outbox.enqueue(update('alice', 1));
    await h.outbox.enqueue(update('alice', 2));
    await h.outbox.enqueue(update('bella', 1));
    await h.outbox.enqueue(update('alice', 3));
    await h.outbox.enqueue(update('carla', 1));
    await h.outbox.enqueue(update('dora', 1));

    const items = (await h.outbox.read()).items.map(
      (i) => `${i.update.room_id}:${i.update.tokens_count}`,
    );
    expect(items).toEqual(['bella:1', 'alice:3', 'carla:1', 'dora:1']);
    expect(h.warnings).toEqual([
      'RoomPulse: queue full, dropped 1 superseded update(s)',
      'RoomPulse: queue full, dropped 1 superseded update(s)',
    ]);
  });
});

describe(trimToNewestPerRoom.name, () => {
  const item = (
    id: number,
    room: string,
    platform: TelemetryUpdateData['platform'] = 'chaturbate',
  ): QueuedUpdate => ({
    id,
    update: update(room, id, platform),
    enqueuedAt: START,
  });

  it('keeps everything within the bound', () => {
    const items = [item(1, 'a'), item(2, 'a')];
    expect(trimToNewestPerRoom(items, 2)).toBe(items);
  });

  it('drops superseded updates oldest first, rooms told apart by platform', () => {
    const items = [
      item(1, 'a'),
      item(2, 'a', 'stripchat'),
      item(3, 'a'),
      item(4, 'b'),
      item(5, 'a'),
    ];
    expect(trimToNewestPerRoom(items, 3).map((i) => i.id)).toEqual([2, 4, 5]);
  });

  it('drops the oldest rooms when every room is down to one update', () => {
    const items = [item(1, 'a'), item(2, 'b'), item(3, 'c'), item(4, 'd')];
    expect(trimToNewestPerRoom(items, 2).map((i) => i.id)).toEqual([3, 4]);
  });
});

describe(backoffDelay.name, () => {
  it('stays between half and all of the exponential step', () => {
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 0.999999)).toBe(1_000);
    expect(backoffDelay(4, () => 0)).toBe(4_000);
    expect(backoffDelay(4, () => 0.999999)).toBe(8_000);
  });

  it('never exceeds 60 s', () => {
    for (let attempt = 1; attempt <= 40; attempt++)
      expect(backoffDelay(attempt, () => 0.999999)).toBeLessThanOrEqual(60_000);
    expect(backoffDelay(40, () => 0.999999)).toBe(60_000);
  });
});
