import { request as httpRequest } from 'node:http';
import { startTestApp, update, type TestApp } from '../../testing/test-app';
import { installFastRoutes } from './fast-routes';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A raw HTTP request, so that the test controls framing (chunked, BOM) and headers exactly. */
function send(
  url: string,
  path: string,
  headers: Record<string, string>,
  chunks: (string | Buffer)[],
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(`${url}${path}`, { method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: JSON.parse(text),
        }),
      );
    });
    call.on('error', reject);
    for (const chunk of chunks) call.write(chunk);
    call.end();
  });
}

describe(installFastRoutes.name, () => {
  let app: TestApp;
  const origin = 'chrome-extension://abcdefghijklmnop';

  beforeAll(async () => {
    app = await startTestApp({ store: 'memory', env: { CORS_ORIGINS: origin } });
  });

  afterAll(() => app.close());

  const json = (extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    authorization: `Bearer ${app.tokens.ingest}`,
    ...extra,
  });

  it('answers ingest with the JSON headers Express would send, without ETag or X-Powered-By', async () => {
    const answer = await send(app.url, '/api/tracking/telemetry', json(), [
      JSON.stringify(update({ room_id: 'fast_a' })),
    ]);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'accepted', room_id: 'fast_a', platform: 'chaturbate' });
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['etag']).toBeUndefined();
    expect(answer.headers['x-powered-by']).toBeUndefined();
  });

  it('sets the CORS headers of a configured origin as the cors middleware does on other routes', async () => {
    const body = [JSON.stringify(update({ room_id: 'fast_cors' }))];
    const allowed = await send(app.url, '/api/tracking/telemetry', json({ origin }), body);
    const other = await send(
      app.url,
      '/api/tracking/telemetry',
      json({ origin: 'https://elsewhere.example' }),
      body,
    );
    const viaExpress = await fetch(`${app.url}/api/tracking/rooms`, {
      headers: { origin, authorization: `Bearer ${app.tokens.viewer}` },
    });

    expect(allowed.headers['access-control-allow-origin']).toBe(origin);
    expect(viaExpress.headers.get('access-control-allow-origin')).toBe(origin);
    expect(allowed.headers['vary']).toBe(viaExpress.headers.get('vary'));
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers['vary']).toBe('Origin');
  });

  it('reads a chunked body, a body behind a byte order mark, and ignores the query string', async () => {
    const item = JSON.stringify(update({ room_id: 'fast_chunked' }));
    const chunked = await send(app.url, '/api/tracking/telemetry?via=test', json(), [
      item.slice(0, 10),
      item.slice(10),
    ]);
    const bom = await send(app.url, '/api/tracking/telemetry', json(), [
      Buffer.from([0xef, 0xbb, 0xbf]),
      JSON.stringify(update({ room_id: 'fast_bom' })),
    ]);
    expect([chunked.status, bom.status]).toEqual([202, 202]);
  });

  it('answers a body that is not a JSON object or array as malformed JSON', async () => {
    for (const text of ['   ', '42', '"text"', '{"room_id": ']) {
      const answer = await send(app.url, '/api/tracking/telemetry', json(), [text]);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        statusCode: 400,
        message: expect.stringMatching(/^malformed JSON body: /),
        error: 'Bad Request',
      });
    }
  });

  it('leaves other content types to Express, which answers them as before', async () => {
    const answer = await send(
      app.url,
      '/api/tracking/telemetry',
      json({ 'content-type': 'text/plain' }),
      [JSON.stringify(update({ room_id: 'fast_text' }))],
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      statusCode: 400,
      errors: [{ field: '(item)', reason: 'must be a JSON object' }],
    });
  });

  it('checks the token after the body, as Nest runs the body parser before the guards', async () => {
    const tooLarge = await send(
      app.url,
      '/api/tracking/telemetry',
      { 'content-type': 'application/json' },
      [JSON.stringify({ ...update(), padding: 'x'.repeat(17 * 1024) })],
    );
    const noToken = await send(
      app.url,
      '/api/tracking/telemetry',
      { 'content-type': 'application/json' },
      [JSON.stringify(update())],
    );
    expect(tooLarge.status).toBe(413);
    expect(noToken.status).toBe(401);
  });
});
