import request from 'supertest';
import { startTestApp, TEST_REDIS_URL, update, type TestApp } from '../testing/test-app';
import { TcpProxy } from '../testing/tcp-proxy';

async function eventually<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Backend when Redis goes away', () => {
  const target = new URL(TEST_REDIS_URL);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
  let t: TestApp;

  beforeAll(async () => {
    const port = await proxy.start();
    t = await startTestApp({
      store: 'redis',
      env: { REDIS_URL: `redis://127.0.0.1:${port}${target.pathname}` },
    });
  });

  afterAll(async () => {
    await proxy.cut();
    await proxy.start();
    await t.close();
    await proxy.cut();
  });

  it('answers 503 instead of hanging, says so in /health, and heals when Redis returns', async () => {
    const post = (roomId: string) =>
      request(t.url)
        .post('/api/tracking/telemetry')
        .set('authorization', `Bearer ${t.tokens.ingest}`)
        .send(update({ room_id: roomId }));

    expect((await post('before')).status).toBe(202);
    expect((await request(t.url).get('/health')).body).toMatchObject({
      status: 'ok',
      store: 'redis',
    });

    await proxy.cut();
    const during = await eventually(
      () => post('during'),
      (r) => r.status !== 202,
    );
    expect(during.status).toBe(503);
    expect(during.body).toEqual({
      statusCode: 503,
      message: expect.stringContaining('unavailable'),
      error: 'Service Unavailable',
    });
    expect(during.headers['retry-after']).toBe('2');
    const health = await request(t.url).get('/health');
    expect(health.status).toBe(503);
    expect(health.body.status).toBe('unavailable');
    const rooms = await request(t.url)
      .get('/api/tracking/rooms')
      .set('authorization', `Bearer ${t.tokens.viewer}`);
    expect(rooms.status).toBe(503);

    await proxy.start();
    const healed = await eventually(
      () => request(t.url).get('/health'),
      (r) => r.status === 200,
    );
    expect(healed.status).toBe(200);
    expect((await post('after')).status).toBe(202);
    const listed = await request(t.url)
      .get('/api/tracking/rooms')
      .set('authorization', `Bearer ${t.tokens.viewer}`);
    expect(listed.body.rooms.map((r: { room_id: string }) => r.room_id).sort()).toEqual([
      'after',
      'before',
    ]);
  });
});
