import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { LoginResponse, Role } from '@roompulse/contracts';
import { createApp } from '../app.factory';
import { loadSettings, type Settings } from '../config/settings';

/** The Redis the integration suites use; CI starts one on the default port. */
export const TEST_REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export type StoreKind = 'redis' | 'memory';
export const STORE_KINDS: StoreKind[] = ['redis', 'memory'];

export interface TestApp {
  app: INestApplication;
  settings: Settings;
  /** `http://127.0.0.1:<port>` of the listening instance. */
  url: string;
  /** Unique per app unless shared on purpose; every key it wrote is deleted by `close()`. */
  keyPrefix: string;
  tokens: Record<Role, string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  store: StoreKind;
  env?: Record<string, string>;
  /** Share a prefix between instances that must see the same data (multi-instance tests). */
  keyPrefix?: string;
  /** Skip creating the viewer and ingest accounts (saves two password hashes). */
  adminOnly?: boolean;
}

/** Every account's password in the test apps; made per test process, like the signing key. */
export const TEST_PASSWORD = randomBytes(12).toString('base64url');
const TEST_JWT_SECRET = randomBytes(32).toString('base64url');

/** Starts a real backend on port 0 with its own key prefix, and signs in one user per role. */
export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const keyPrefix = options.keyPrefix ?? `rp-test:${randomBytes(6).toString('hex')}:`;
  const settings = loadSettings({
    PORT: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: TEST_PASSWORD,
    ...(options.store === 'redis' && { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: keyPrefix }),
    ...options.env,
  });
  const app = await createApp(settings, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const admin = await login(url, 'admin', TEST_PASSWORD);
  const tokens = { admin, viewer: '', ingest: '' } as Record<Role, string>;
  if (!options.adminOnly) {
    for (const role of ['viewer', 'ingest'] as const) {
      await createUser(url, admin, `${role}-user`, role);
      tokens[role] = await login(url, `${role}-user`, TEST_PASSWORD);
    }
  }
  return {
    app,
    settings,
    url,
    keyPrefix,
    tokens,
    async close() {
      await app.close();
      if (options.store === 'redis') await deleteKeys(keyPrefix);
    },
  };
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status}`);
  return ((await response.json()) as LoginResponse).access_token;
}

export async function createUser(
  url: string,
  adminToken: string,
  username: string,
  role: Role,
): Promise<void> {
  const response = await fetch(`${url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ username, password: TEST_PASSWORD, role }),
  });
  if (response.status !== 201 && response.status !== 409)
    throw new Error(`create ${username} failed: ${response.status}`);
}

/** A plain client on the test Redis, for assertions the API does not expose (TTL, raw keys). */
export async function redisClient() {
  const client = createClient({ url: TEST_REDIS_URL });
  await client.connect();
  return client;
}

export async function deleteKeys(prefix: string): Promise<void> {
  const client = await redisClient();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    await client.close();
  }
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function update(overrides: Record<string, unknown> = {}) {
  return {
    room_id: 'room_a',
    platform: 'chaturbate',
    tokens_count: 100,
    tips_count: 3,
    viewers_count: 42,
    timestamp: nowSeconds(),
    ...overrides,
  };
}
