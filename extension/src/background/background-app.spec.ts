import type {
  ExtensionStatus,
  RoomOverrideChangedMessage,
  TelemetryUpdateData,
} from '@roompulse/contracts';
import { MemoryStorageArea } from '../../test/memory-storage-area';
import { STORAGE_KEYS, createExtensionStorage } from '../shared/storage';
import { BackgroundApp } from './background-app';
import type { BadgeView } from './badge';
import type { FetchLike } from './http';
import { TelemetryOutbox } from './outbox';
import { storedCredentials } from './auth';

const NOW = Date.parse('2025-06-01T20:00:00Z');
const update: TelemetryUpdateData = {
  room_id: 'alice_cam',
  platform: 'chaturbate',
  tokens_count: 12345,
  tips_count: 87,
  viewers_count: 1234,
  timestamp: NOW / 1000,
};

function setup(loginRole = 'ingest') {
  const local = new MemoryStorageArea();
  const storage = createExtensionStorage(local, new MemoryStorageArea());
  const requests: { url: string; body: unknown }[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, body: JSON.parse(init.body) });
    if (url.endsWith('/api/auth/login')) {
      return {
        status: 200,
        json: async () => ({
          access_token: 'jwt',
          token_type: 'Bearer',
          expires_in: 900,
          user: { username: 'desk1', role: loginRole },
        }),
      };
    }
    return { status: 202, json: async () => ({ status: 'accepted' }) };
  };
  const badges: BadgeView[] = [];
  const notified: [number, RoomOverrideChangedMessage][] = [];
  const outbox = new TelemetryOutbox({
    storage: storage.local,
    fetch,
    now: () => NOW,
    random: () => 0.5,
    scheduler: { wakeAt: () => undefined, cancel: () => undefined },
    credentials: storedCredentials(storage, () => NOW),
    log: { warn: () => undefined },
  });
  const app = new BackgroundApp({
    storage,
    outbox,
    fetch,
    now: () => NOW,
    showBadge: (b) => badges.push(b),
    notifyTab: async (tabId, message) => notified.push([tabId, message]),
  });
  return { app, outbox, storage, local, requests, badges, notified };
}

describe(BackgroundApp.name, () => {
  it('walks from no backend to signed out to delivering, keeping updates queued meanwhile', async () => {
    const { app, outbox, requests, local, badges } = setup();
    expect((await app.status()).delivery).toBe('no-backend');

    expect(await app.handle({ type: 'roompulse/telemetry', reason: 'change', update }, 3)).toEqual({
      queued: true,
      queueLength: 1,
    });
    expect(
      await app.handle(
        { type: 'roompulse/set-backend', backendUrl: ' https://rp.example.com/ ' },
        undefined,
      ),
    ).toEqual({ ok: true });
    expect(await app.status()).toMatchObject({
      backendUrl: 'https://rp.example.com',
      delivery: 'signed-out',
      queueLength: 1,
    });
    expect(badges.at(-1)?.text).toBe('!');

    expect(
      await app.handle(
        { type: 'roompulse/sign-in', username: 'desk1', password: 'hunter22' },
        undefined,
      ),
    ).toEqual({ ok: true });
    await outbox.flush();
    expect(requests.map((r) => r.url)).toEqual([
      'https://rp.example.com/api/auth/login',
      'https://rp.example.com/api/tracking/telemetry',
    ]);
    const status = (await app.handle(
      { type: 'roompulse/get-status' },
      undefined,
    )) as ExtensionStatus;
    expect(status).toEqual({
      backendUrl: 'https://rp.example.com',
      user: { username: 'desk1', role: 'ingest' },
      tokenExpiresAt: NOW + 900_000,
      delivery: 'idle',
      queueLength: 0,
      lastDeliveryAt: NOW,
      lastError: null,
      nextRetryAt: null,
    });
    expect([...local.data.values()].join()).not.toContain('hunter22');
  });

  it('refuses malformed telemetry instead of queueing it', async () => {
    const { app } = setup();
    const bad = { ...update, viewers_count: null } as unknown as TelemetryUpdateData;
    expect(
      await app.handle({ type: 'roompulse/telemetry', reason: 'change', update: bad }, 3),
    ).toEqual({ queued: false, queueLength: 0 });
  });

  it('rejects a backend URL it cannot use and a viewer sign-in', async () => {
    const { app } = setup('viewer');
    expect(
      await app.handle({ type: 'roompulse/sign-in', username: 'a', password: 'b' }, undefined),
    ).toEqual({
      ok: false,
      error: 'Set the backend URL first',
    });
    expect(
      await app.handle({ type: 'roompulse/set-backend', backendUrl: 'ftp://x' }, undefined),
    ).toMatchObject({ ok: false });
    await app.handle(
      { type: 'roompulse/set-backend', backendUrl: 'https://rp.example.com' },
      undefined,
    );
    expect(
      await app.handle({ type: 'roompulse/sign-in', username: 'a', password: 'b' }, undefined),
    ).toMatchObject({ ok: false });
    expect((await app.status()).user).toBeNull();
  });

  it('signs out by forgetting the token, and a new backend URL forgets it too', async () => {
    const { app, storage } = setup();
    await app.handle(
      { type: 'roompulse/set-backend', backendUrl: 'https://rp.example.com' },
      undefined,
    );
    await app.handle({ type: 'roompulse/sign-in', username: 'desk1', password: 'pw' }, undefined);
    expect(await storage.local.read(STORAGE_KEYS.auth)).toBeDefined();
    await app.handle({ type: 'roompulse/sign-out' }, undefined);
    expect(await storage.local.read(STORAGE_KEYS.auth)).toBeUndefined();

    await app.handle({ type: 'roompulse/sign-in', username: 'desk1', password: 'pw' }, undefined);
    await app.handle(
      { type: 'roompulse/set-backend', backendUrl: 'https://other.example.com' },
      undefined,
    );
    expect(await storage.local.read(STORAGE_KEYS.auth)).toBeUndefined();
  });

  it('keeps a room override per tab, tells the tab, and forgets it when the tab closes', async () => {
    const { app, notified } = setup();
    expect(
      await app.handle(
        { type: 'roompulse/set-room-override', tabId: 7, room: 'alice_studio' },
        undefined,
      ),
    ).toEqual({ ok: true });
    expect(notified).toEqual([
      [7, { type: 'roompulse/room-override-changed', room: 'alice_studio' }],
    ]);
    expect(await app.handle({ type: 'roompulse/get-room-override' }, 7)).toEqual({
      room: 'alice_studio',
    });
    expect(await app.handle({ type: 'roompulse/get-room-override' }, 8)).toEqual({ room: null });

    expect(
      await app.handle(
        { type: 'roompulse/set-room-override', tabId: 7, room: 'bad room' },
        undefined,
      ),
    ).toMatchObject({ ok: false });
    await app.forgetTab(7);
    expect(await app.handle({ type: 'roompulse/get-room-override' }, 7)).toEqual({ room: null });
  });
});
