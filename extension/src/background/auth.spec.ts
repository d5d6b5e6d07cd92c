import { MemoryStorageArea } from '../../test/memory-storage-area';
import { STORAGE_KEYS, createExtensionStorage } from '../shared/storage';
import { LOGIN_PATH, signIn, storedCredentials } from './auth';
import type { FetchLike } from './http';

const NOW = Date.parse('2025-06-01T20:00:00Z');
const BACKEND = 'https://rp.example.com';

function backend(status: number, body: unknown) {
  const calls: { url: string; body: unknown; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, body: JSON.parse(init.body), headers: init.headers });
    return { status, json: async () => body };
  };
  return { fetch, calls };
}

const ok = (role: string) => ({
  access_token: 'jwt-abc',
  token_type: 'Bearer',
  expires_in: 3600,
  user: { username: 'desk1', role },
});

describe(signIn.name, () => {
  it('posts the credentials once and keeps the token, its expiry and the user', async () => {
    const { fetch, calls } = backend(200, ok('ingest'));
    const result = await signIn(fetch, BACKEND, { username: 'desk1', password: 'hunter22' }, NOW);
    expect(calls).toEqual([
      {
        url: `${BACKEND}${LOGIN_PATH}`,
        body: { username: 'desk1', password: 'hunter22' },
        headers: { 'Content-Type': 'application/json' },
      },
    ]);
    expect(result).toEqual({
      ok: true,
      session: {
        token: 'jwt-abc',
        expiresAt: NOW + 3_600_000,
        user: { username: 'desk1', role: 'ingest' },
      },
    });
    expect(JSON.stringify(result)).not.toContain('hunter22');
  });

  it('accepts an admin account', async () => {
    expect(
      (
        await signIn(
          backend(200, ok('admin')).fetch,
          BACKEND,
          { username: 'a', password: 'b' },
          NOW,
        )
      ).ok,
    ).toBe(true);
  });

  it('refuses a viewer account, which cannot send telemetry', async () => {
    expect(
      await signIn(
        backend(200, ok('viewer')).fetch,
        BACKEND,
        { username: 'a', password: 'b' },
        NOW,
      ),
    ).toEqual({
      ok: false,
      error: 'desk1 has the role "viewer"; the extension needs an ingest (or admin) account',
    });
  });

  it('explains a wrong password, an error answer and an unreachable backend', async () => {
    const creds = { username: 'a', password: 'b' };
    expect(await signIn(backend(401, {}).fetch, BACKEND, creds, NOW)).toEqual({
      ok: false,
      error: 'Wrong username or password',
    });
    expect(
      await signIn(backend(429, { message: 'Too many attempts' }).fetch, BACKEND, creds, NOW),
    ).toEqual({
      ok: false,
      error: 'Sign-in failed: Too many attempts',
    });
    const down: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await signIn(down, BACKEND, creds, NOW)).toEqual({
      ok: false,
      error: 'Backend unreachable (Failed to fetch)',
    });
  });
});

describe(storedCredentials.name, () => {
  it('needs a backend URL and a token that has not expired', async () => {
    const storage = createExtensionStorage(new MemoryStorageArea(), new MemoryStorageArea());
    let now = NOW;
    const credentials = storedCredentials(storage, () => now);
    expect(await credentials()).toEqual({ ok: false, reason: 'no-backend' });

    await storage.local.write(STORAGE_KEYS.settings, { backendUrl: BACKEND });
    expect(await credentials()).toEqual({ ok: false, reason: 'signed-out' });

    await storage.local.write(STORAGE_KEYS.auth, {
      token: 't',
      expiresAt: NOW + 1000,
      user: { username: 'u', role: 'ingest' },
    });
    expect(await credentials()).toEqual({ ok: true, backendUrl: BACKEND, token: 't' });

    now = NOW + 1000;
    expect(await credentials()).toEqual({ ok: false, reason: 'expired' });
  });
});
