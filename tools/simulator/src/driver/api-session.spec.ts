import { FakeBackend } from '../testing/fake-backend';
import { ApiError, ApiSession, parseRetryAfter, RetriableError } from './api-session';

describe(ApiSession.name, () => {
  let backend: FakeBackend;
  beforeEach(async () => {
    backend = await new FakeBackend().start();
    backend.users.set('ingest-1', { password: 'ingest-password', role: 'ingest' });
  });
  afterEach(() => backend.stop());

  const updates = [
    {
      room_id: 'r1',
      platform: 'chaturbate',
      tokens_count: 1,
      tips_count: 1,
      viewers_count: 1,
      timestamp: 1_800_000_000,
    },
  ];

  it('signs in on first use and sends the token as a Bearer header', async () => {
    const session = new ApiSession(backend.url, {
      username: 'ingest-1',
      password: 'ingest-password',
    });
    const answer = await session.request<{ results: unknown[] }>(
      'POST',
      'api/tracking/telemetry/batch',
      { updates },
    );
    expect(answer.results).toHaveLength(1);
    expect(backend.logins).toEqual(['ingest-1']);
    expect(session.user).toEqual({ username: 'ingest-1', role: 'ingest' });
  });

  it('signs in again on a 401 and repeats the request once, with one sign-in for concurrent requests', async () => {
    const session = new ApiSession(backend.url, {
      username: 'ingest-1',
      password: 'ingest-password',
    });
    await session.signIn();
    backend.expireTokens();
    await Promise.all(
      [1, 2, 3].map(() => session.request('POST', 'api/tracking/telemetry/batch', { updates })),
    );
    expect(backend.logins).toEqual(['ingest-1', 'ingest-1']);
    expect(session.reSignIns).toBe(1);
    expect(backend.batches).toHaveLength(3);
  });

  it('turns 503 into a RetriableError carrying Retry-After', async () => {
    backend.batchFailures.push({ status: 503, headers: { 'retry-after': '2' } });
    const session = new ApiSession(backend.url, {
      username: 'ingest-1',
      password: 'ingest-password',
    });
    const failure = await session
      .request('POST', 'api/tracking/telemetry/batch', { updates })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RetriableError);
    expect((failure as RetriableError).retryAfterMs).toBe(2000);
  });

  it('turns a refused connection into a RetriableError', async () => {
    const url = backend.url;
    await backend.stop();
    const session = new ApiSession(url, { username: 'ingest-1', password: 'ingest-password' });
    await expect(session.signIn()).rejects.toThrow(RetriableError);
    await expect(session.signIn()).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses for good when the credentials are wrong', async () => {
    const session = new ApiSession(backend.url, {
      username: 'ingest-1',
      password: 'wrong-password',
    });
    const failure = await session.signIn().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(401);
    expect((failure as ApiError).message).toBe(
      'sign-in as "ingest-1" refused: invalid username or password',
    );
  });

  it('resolves paths under a base URL with a path prefix', async () => {
    const requests: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      requests.push(String(input));
      return new Response(
        JSON.stringify({
          access_token: 't',
          token_type: 'Bearer',
          expires_in: 1,
          user: { username: 'a', role: 'admin' },
        }),
      );
    };
    await new ApiSession(
      'https://ops.example.com/roompulse',
      { username: 'a', password: 'b' },
      { fetch: fakeFetch },
    ).signIn();
    expect(requests).toEqual(['https://ops.example.com/roompulse/api/auth/login']);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, in ms', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.UTC(2026, 0, 1))).toBe(10_000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
