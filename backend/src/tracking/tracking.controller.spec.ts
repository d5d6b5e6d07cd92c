import request from 'supertest';
import type { Role } from '@roompulse/contracts';
import {
  nowSeconds,
  redisClient,
  STORE_KINDS,
  startTestApp,
  update,
  type TestApp,
} from '../testing/test-app';

describe.each(STORE_KINDS)('TrackingController over HTTP (%s store)', (store) => {
  let t: TestApp;
  const auth = (role: Role) => ({ authorization: `Bearer ${t.tokens[role]}` });
  const post = (body: unknown, role: Role = 'ingest') =>
    request(t.url)
      .post('/api/tracking/telemetry')
      .set(auth(role))
      .send(body as object);

  beforeAll(async () => {
    t = await startTestApp({ store });
  });
  afterAll(() => t.close());

  it('accepts an update, reads it back and lists it', async () => {
    const body = update({ room_id: 'read_back', tokens_count: 1500 });
    const accepted = await post(body);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({
      status: 'accepted',
      room_id: 'read_back',
      platform: 'chaturbate',
    });

    const read = await request(t.url)
      .get('/api/tracking/telemetry/read_back/chaturbate')
      .set(auth('viewer'));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...body, received_at: expect.any(Number) });
    expect(Math.abs(read.body.received_at - Date.now())).toBeLessThan(10_000);

    const rooms = await request(t.url).get('/api/tracking/rooms').set(auth('viewer'));
    expect(rooms.status).toBe(200);
    expect(rooms.body.rooms).toContainEqual({ ...body, received_at: read.body.received_at });
  });

  it('answers 404 for a room without live figures', async () => {
    const read = await request(t.url)
      .get('/api/tracking/telemetry/nobody/camsoda')
      .set(auth('admin'));
    expect(read.status).toBe(404);
    expect(read.body).toEqual({
      statusCode: 404,
      message: expect.stringContaining('nobody'),
      error: 'Not Found',
    });
  });

  it('ignores a stale update and keeps the newer figures', async () => {
    const now = nowSeconds();
    await post(update({ room_id: 'stale_room', timestamp: now, tokens_count: 900 })).expect(202);
    const stale = await post(
      update({ room_id: 'stale_room', timestamp: now - 10, tokens_count: 800 }),
    );
    expect(stale.status).toBe(202);
    expect(stale.body.status).toBe('stale');
    const read = await request(t.url)
      .get('/api/tracking/telemetry/stale_room/chaturbate')
      .set(auth('viewer'));
    expect(read.body.tokens_count).toBe(900);
  });

  it('keeps the newest figures when many writers race', async () => {
    const now = nowSeconds();
    const offsets = Array.from({ length: 40 }, (_, i) => (i * 17) % 40);
    await Promise.all(
      offsets.map((o) =>
        post(update({ room_id: 'race', timestamp: now - 40 + o, tokens_count: o })),
      ),
    );
    const read = await request(t.url)
      .get('/api/tracking/telemetry/race/chaturbate')
      .set(auth('viewer'));
    expect(read.body.timestamp).toBe(now - 1);
    expect(read.body.tokens_count).toBe(39);
  });

  if (store === 'redis') {
    it("stores under the seed's key with the configured TTL", async () => {
      await post(update({ room_id: 'ttl_room', platform: 'camsoda' })).expect(202);
      const client = await redisClient();
      try {
        const ttl = await client.ttl(`${t.keyPrefix}telemetry:ttl_room:camsoda`);
        expect(ttl).toBeGreaterThan(3590);
        expect(ttl).toBeLessThanOrEqual(3600);
      } finally {
        await client.close();
      }
    });
  }

  describe('bad input answers 400 naming the field and stores nothing', () => {
    it.each([
      ['unknown field', { extra: 'x' }, 'extra'],
      ['string count', { tokens_count: '10' }, 'tokens_count'],
      ['negative count', { tips_count: -1 }, 'tips_count'],
      ['fractional count', { viewers_count: 2.5 }, 'viewers_count'],
      ['count over the limit', { tokens_count: 1_000_000_001 }, 'tokens_count'],
      ['unknown platform', { platform: 'myspace' }, 'platform'],
      ['malformed room_id', { room_id: '../etc' }, 'room_id'],
      ['room_id too long', { room_id: 'r'.repeat(65) }, 'room_id'],
      ['timestamp in ms', { timestamp: Date.now() }, 'timestamp'],
      ['timestamp too old', { timestamp: nowSeconds() - 3700 }, 'timestamp'],
      ['fractional timestamp', { timestamp: 1.5 }, 'timestamp'],
      ['missing field', { viewers_count: undefined }, 'viewers_count'],
    ])('%s', async (_case, overrides, field) => {
      const roomId = `bad_${field}`;
      const response = await post({ ...update({ room_id: roomId }), ...overrides });
      expect(response.status).toBe(400);
      expect(response.body.statusCode).toBe(400);
      expect(response.body.error).toBe('Bad Request');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(response.body.message.join(' ')).toContain(field);
      const read = await request(t.url)
        .get(`/api/tracking/telemetry/${roomId}/chaturbate`)
        .set(auth('viewer'));
      expect(read.status).toBe(404);
    });

    it('malformed JSON', async () => {
      const response = await request(t.url)
        .post('/api/tracking/telemetry')
        .set(auth('ingest'))
        .set('content-type', 'application/json')
        .send('{"room_id": ');
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        message: expect.stringMatching(/malformed JSON/),
        error: 'Bad Request',
      });
    });

    it('a JSON array instead of an object', async () => {
      const response = await post([update()]);
      expect(response.status).toBe(400);
    });

    it('a body over 16 KiB answers 413', async () => {
      const response = await post({ ...update(), padding: 'x'.repeat(17 * 1024) });
      expect(response.status).toBe(413);
      expect(response.body).toEqual({
        statusCode: 413,
        message: expect.stringContaining('16384'),
        error: 'Payload Too Large',
      });
    });

    it('a batch over 1 MiB answers 413', async () => {
      const updates = Array.from({ length: 500 }, () => ({
        ...update(),
        padding: 'x'.repeat(2200),
      }));
      const response = await request(t.url)
        .post('/api/tracking/telemetry/batch')
        .set(auth('ingest'))
        .send({ updates });
      expect(response.status).toBe(413);
    });
  });

  describe('tokens and roles', () => {
    it.each([
      ['no token', undefined],
      ['a malformed header', 'Token abc'],
      ['a malformed token', 'Bearer not-a-jwt'],
      [
        'a wrongly signed token',
        'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiJ9.c2lnbmF0dXJlLWJ5LWFub3RoZXIta2V5',
      ],
    ])('%s gets 401', async (_case, header) => {
      const call = request(t.url).post('/api/tracking/telemetry');
      if (header) call.set('authorization', header);
      const response = await call.send(update({ room_id: 'unauth' }));
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('Unauthorized');
    });

    it('an expired token gets 401', async () => {
      const short = await startTestApp({ store, env: { JWT_TTL: '1s' }, adminOnly: true });
      try {
        await new Promise((resolve) => setTimeout(resolve, 2100));
        const response = await request(short.url)
          .get('/api/tracking/rooms')
          .set('authorization', `Bearer ${short.tokens.admin}`);
        expect(response.status).toBe(401);
      } finally {
        await short.close();
      }
    });

    it.each([
      [
        'POST telemetry',
        'post',
        '/api/tracking/telemetry',
        { ingest: 202, admin: 202, viewer: 403 },
      ],
      ['GET rooms', 'get', '/api/tracking/rooms', { ingest: 403, admin: 200, viewer: 200 }],
      ['GET users', 'get', '/api/users', { ingest: 403, admin: 200, viewer: 403 }],
      ['GET roster', 'get', '/api/roster', { ingest: 403, admin: 200, viewer: 200 }],
    ] as const)('%s per role', async (_case, method, path, expected) => {
      for (const role of ['ingest', 'admin', 'viewer'] as const) {
        const call =
          method === 'post'
            ? request(t.url)
                .post(path)
                .send(update({ room_id: `role_${role}` }))
            : request(t.url).get(path);
        const response = await call.set(auth(role));
        expect({ role, status: response.status }).toEqual({ role, status: expected[role] });
      }
      const viewerWrite = await request(t.url)
        .get('/api/tracking/telemetry/role_viewer/chaturbate')
        .set(auth('admin'));
      expect(viewerWrite.status).toBe(404);
    });
  });

  describe('batch', () => {
    it('answers each item in order: accepted, stale or invalid with its field errors', async () => {
      const now = nowSeconds();
      await post(update({ room_id: 'batch_old', timestamp: now })).expect(202);
      const response = await request(t.url)
        .post('/api/tracking/telemetry/batch')
        .set(auth('ingest'))
        .send({
          updates: [
            update({ room_id: 'batch_a', tokens_count: 1 }),
            update({ room_id: 'batch_b', platform: 'nowhere' }),
            update({ room_id: 'batch_old', timestamp: now - 5 }),
            'not an object',
            update({ room_id: 'batch_c', platform: 'stripchat', viewers_count: -3, extra: true }),
            update({ room_id: 'batch_d', platform: 'camsoda' }),
          ],
        });
      expect(response.status).toBe(200);
      expect(response.body.results).toEqual([
        { index: 0, status: 'accepted', room_id: 'batch_a', platform: 'chaturbate' },
        {
          index: 1,
          status: 'invalid',
          room_id: 'batch_b',
          platform: 'nowhere',
          errors: [{ field: 'platform', reason: expect.any(String) }],
        },
        { index: 2, status: 'stale', room_id: 'batch_old', platform: 'chaturbate' },
        {
          index: 3,
          status: 'invalid',
          errors: [{ field: '(item)', reason: 'must be a JSON object' }],
        },
        {
          index: 4,
          status: 'invalid',
          room_id: 'batch_c',
          platform: 'stripchat',
          errors: expect.arrayContaining([
            { field: 'extra', reason: expect.any(String) },
            { field: 'viewers_count', reason: expect.any(String) },
          ]),
        },
        { index: 5, status: 'accepted', room_id: 'batch_d', platform: 'camsoda' },
      ]);
      const rooms = await request(t.url).get('/api/tracking/rooms').set(auth('viewer'));
      const ids = rooms.body.rooms.map((r: { room_id: string }) => r.room_id);
      expect(ids).toEqual(expect.arrayContaining(['batch_a', 'batch_d']));
      expect(ids).not.toContain('batch_b');
      expect(ids).not.toContain('batch_c');
    });

    it.each([
      ['an empty list', { updates: [] }],
      ['more than 500 items', { updates: Array.from({ length: 501 }, () => update()) }],
      ['no updates field', { items: [] }],
      ['updates not a list', { updates: 'x' }],
    ])('refuses %s with 400 naming updates', async (_case, body) => {
      const response = await request(t.url)
        .post('/api/tracking/telemetry/batch')
        .set(auth('ingest'))
        .send(body);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toMatch(/updates|items/);
    });
  });
});
