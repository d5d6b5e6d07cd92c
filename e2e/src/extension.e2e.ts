import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import type {
  ExtensionStatus,
  Platform,
  StoredTelemetry,
  TabState,
  TelemetryUpdateData,
} from '@roompulse/contracts';
import { createUser, getJson, login } from './support/api';
import { BackendProcess, ROOT } from '@roompulse/test-support';
import { artifactPath, launchWithExtension } from './support/browser';
import { FixtureSite, messageFrames, setFigures, type FigureTexts } from './support/fixture-site';
import { LiveFeed, foundInOrder } from './support/live-feed';

/**
 * The built extension in Chromium, on fixture room pages, delivering to the real backend on real
 * Redis, watched by the God Mode dashboard. The `it`s run in order and share one browser: sign
 * in → figures arrive → the dashboard flashes them → a backend restart loses nothing.
 */

/** The extension APIs this test calls inside its extension page (the popup, opened in a tab). */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { get(keys: string | null): Promise<Record<string, unknown>> } };
  tabs: {
    query(query: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
};

/** Where the service worker keeps undelivered updates (extension/src/shared/storage.ts). */
const OUTBOX_KEY = 'roompulse.v1.outbox';

const ALICE = { platform: 'chaturbate', room: 'alice_cam' } as const;
const WONDER = { platform: 'stripchat', room: 'Alice_Wonder' } as const;

interface Room {
  platform: Platform;
  room: string;
}

type Figures = Pick<StoredTelemetry, 'tokens_count' | 'tips_count' | 'viewers_count'>;

/** A moment the dashboard showed a figure flashing, as recorded in its page. */
interface Flash {
  value: string | null;
  up: boolean;
  down: boolean;
  text: string;
}
type FlashLog = { flashes: Flash[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `done` holds, for at most `timeoutMs`; the failure names the last value. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let failure: unknown;
  for (;;) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting until ${what}; last seen: ${JSON.stringify(last)}` +
          (failure ? ` (last error: ${String(failure)})` : ''),
      );
    }
    await sleep(150);
  }
}

/** A key pair whose public half pins the extension id (the id Chrome derives from `key`). */
function extensionKey(): { key: string; id: string } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  const id = [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
  return { key: der.toString('base64'), id };
}

describe('RoomPulse extension in Chromium', () => {
  // Users live under the backend's unique Redis key prefix, so fixed names cannot collide.
  const ingest = { username: 'studio-staff', password: randomBytes(12).toString('base64url') };
  const viewer = { username: 'e2e-viewer', password: randomBytes(12).toString('base64url') };
  let site: FixtureSite;
  let backend: BackendProcess;
  let extensionDir: string;
  let extensionId: string;
  let browser: { context: BrowserContext; dispose(): Promise<void> } | undefined;
  let context: BrowserContext;
  let worker: Worker;
  let feed: LiveFeed | undefined;
  let viewerToken: string;
  let popup: Page;
  let alicePage: Page;
  let wonderPage: Page;
  let aliceUrl: string;
  let wonderUrl: string;

  /** The service worker's status, asked through the extension's own message. */
  const extensionStatus = () =>
    popup.evaluate(
      () =>
        chrome.runtime.sendMessage({ type: 'roompulse/get-status' }) as Promise<ExtensionStatus>,
    );

  /** The updates waiting in the service worker's durable queue, oldest first. */
  const queuedUpdates = () =>
    popup.evaluate(async (key) => {
      const outbox = (await chrome.storage.local.get(key))[key] as
        { items: { update: TelemetryUpdateData }[] } | undefined;
      return (outbox?.items ?? []).map((item) => item.update);
    }, OUTBOX_KEY);

  /** What the content script of `page` reads (asked as the popup asks: the active tab). */
  async function tabState(page: Page): Promise<TabState> {
    await page.bringToFront();
    return popup.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      return chrome.tabs.sendMessage(tab.id as number, {
        type: 'roompulse/get-tab-state',
      }) as Promise<TabState>;
    });
  }

  async function stored(room: Room): Promise<{ status: number; body: StoredTelemetry }> {
    return getJson<StoredTelemetry>(
      backend.url,
      `/api/tracking/telemetry/${room.room}/${room.platform}`,
      viewerToken,
    );
  }

  /** Polls the backend as a viewer until it holds exactly these figures for the room. */
  async function backendHolds(
    room: Room,
    figures: Figures,
    timeoutMs = 15_000,
  ): Promise<StoredTelemetry> {
    const { body } = await eventually(
      `the backend holds ${JSON.stringify(figures)} for ${room.platform}/${room.room}`,
      () => stored(room),
      ({ status, body }) =>
        status === 200 &&
        body.tokens_count === figures.tokens_count &&
        body.tips_count === figures.tips_count &&
        body.viewers_count === figures.viewers_count,
      timeoutMs,
    );
    return body;
  }

  beforeAll(async () => {
    site = await FixtureSite.start();
    aliceUrl = site.addRoom(ALICE.platform, ALICE.room, 'chaturbate-room.html');
    wonderUrl = site.addRoom(WONDER.platform, WONDER.room, 'stripchat-room-viewer.html');

    // A test build: the fixture host is read as `/<platform>/<room>`, and the id is pinned so the
    // backend can allow the extension's origin before the browser starts.
    const { key, id } = extensionKey();
    extensionId = id;
    extensionDir = mkdtempSync(join(tmpdir(), 'rp-e2e-extension-'));
    await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'extension/build.mjs'), `--out=${extensionDir}`],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ROOMPULSE_EXTRA_MATCHES: site.matchPattern,
          ROOMPULSE_EXTENSION_KEY: key,
        },
      },
    );

    backend = new BackendProcess({ env: { CORS_ORIGINS: `chrome-extension://${extensionId}` } });
    await backend.start();
    const admin = await login(backend.url, backend.admin.username, backend.admin.password);
    await createUser(backend.url, admin.access_token, ingest.username, ingest.password, 'ingest');
    await createUser(backend.url, admin.access_token, viewer.username, viewer.password, 'viewer');
    viewerToken = (await login(backend.url, viewer.username, viewer.password)).access_token;
    feed = new LiveFeed(backend.url, viewerToken);
    await feed.connected(10_000);

    browser = await launchWithExtension(extensionDir, [site.hostResolverRule]);
    context = browser.context;
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  }, 60_000);

  afterAll(async () => {
    feed?.close();
    await browser?.dispose();
    await backend?.dispose();
    await site?.close();
    if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
  });

  it('loads under its pinned id and signs in through its popup as an ingest user', async () => {
    expect(new URL(worker.url()).host).toBe(extensionId);

    popup = context.pages()[0] ?? (await context.newPage());
    await popup.setViewportSize({ width: 364, height: 640 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);

    // Save asks Chrome for access to the backend's origin; nobody can answer that prompt in a
    // headless browser, so the request stays pending. The URL is saved either way, and the
    // backend allows the extension's pinned origin instead (CORS_ORIGINS).
    await popup.fill('#backend-url', backend.url);
    await popup.click('#backend-form button[type="submit"]');
    await eventually(
      'the backend URL is saved',
      extensionStatus,
      (s) => s.backendUrl === backend.url,
    );
    expect(await extensionStatus()).toMatchObject({ delivery: 'signed-out', user: null });

    await popup.fill('#username', ingest.username);
    await popup.fill('#password', ingest.password);
    await popup.click('#sign-in-form button[type="submit"]');
    await popup.locator('#status-lines').getByText(`${ingest.username} (ingest)`).waitFor();

    expect(await extensionStatus()).toMatchObject({
      backendUrl: backend.url,
      user: { username: ingest.username, role: 'ingest' },
      delivery: 'idle',
      queueLength: 0,
      lastError: null,
    });
    await popup.locator('#sign-in-form').waitFor({ state: 'hidden' });
    expect(await popup.inputValue('#password')).toBe('');
    const everythingStored = JSON.stringify(
      await popup.evaluate(() => chrome.storage.local.get(null)),
    );
    expect(everythingStored).not.toContain(ingest.password);
    await popup.locator('body').screenshot({ path: artifactPath('extension-popup-signed-in.png') });
  });

  it('delivers the figures a room page shows and changes in its DOM', async () => {
    alicePage = await context.newPage();
    await alicePage.goto(aliceUrl);

    // As the page renders it: viewers from data-count, "12 345 tk", "87".
    const first = await backendHolds(ALICE, {
      tokens_count: 12345,
      tips_count: 87,
      viewers_count: 1234,
    });
    expect(first).toMatchObject({ room_id: ALICE.room, platform: ALICE.platform });

    const before = Math.floor(Date.now() / 1000);
    await setFigures(alicePage, { tokens: '12 400 tk', tips: '88', viewers: '1,301' });
    const changed = await backendHolds(ALICE, {
      tokens_count: 12400,
      tips_count: 88,
      viewers_count: 1301,
    });
    expect(changed.timestamp).toBeGreaterThanOrEqual(before);
    expect(changed.timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(await tabState(alicePage)).toMatchObject({
      platform: 'chaturbate',
      room: ALICE.room,
      figures: { tokens: 12400, tips: 88, viewers: 1301 },
      sources: { tokens: 'page', tips: 'page', viewers: 'page' },
      missing: [],
    });
  });

  it('adds up tips from the live messages the page receives over its WebSocket', async () => {
    wonderPage = await context.newPage();
    await wonderPage.goto(wonderUrl);
    await site.liveSocket(WONDER.platform, WONDER.room);

    // A viewer's page shows no tokens or tips: they are missing, and nothing is sent for the room.
    expect(await tabState(wonderPage)).toMatchObject({
      figures: { tokens: null, tips: null, viewers: 77 },
      missing: ['tokens', 'tips'],
    });
    expect((await stored(WONDER)).status).toBe(404);

    // Tips of 50 and "20"; the replayed frame counts once, the lovense echo and chat not at all.
    const frames = messageFrames('stripchat');
    await site.push(
      WONDER.platform,
      WONDER.room,
      frames.map((frame) => frame.raw),
    );
    await backendHolds(WONDER, { tokens_count: 70, tips_count: 2, viewers_count: 77 });

    // Another tip (a new message id) and a new viewer count in the DOM.
    const tipFrame = frames.find((frame) => frame.note.startsWith('tip of 50'));
    if (!tipFrame) throw new Error('stripchat.json has no "tip of 50" frame');
    const tip = JSON.parse(tipFrame.raw);
    tip.params.message.id = 987650042;
    tip.params.message.details.amount = 30;
    await site.push(WONDER.platform, WONDER.room, [JSON.stringify(tip)]);
    await setFigures(wonderPage, { viewers: '80' });
    await backendHolds(WONDER, { tokens_count: 100, tips_count: 3, viewers_count: 80 });

    expect(await tabState(wonderPage)).toMatchObject({
      platform: 'stripchat',
      room: WONDER.room,
      figures: { tokens: 100, tips: 3, viewers: 80 },
      sources: { tokens: 'messages', tips: 'messages', viewers: 'page' },
      missing: [],
      roomStatus: 'public',
    });

    // The popup, signed in, showing this tab's figures; ROOMPULSE_UPDATE_DOCS=1 also refreshes the
    // committed copy in docs/ (not on every run: port and times differ each time).
    await eventually(
      'everything is delivered',
      extensionStatus,
      (s) => s.queueLength === 0 && s.delivery === 'idle',
    );
    await popup.locator('#tab-lines').getByText('100 (live messages)').waitFor();
    await popup.locator('#status-lines').getByText('Up to date').waitFor();
    const shot = artifactPath('extension-popup.png');
    await popup.locator('body').screenshot({ path: shot });
    if (process.env['ROOMPULSE_UPDATE_DOCS'] === '1') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      copyFileSync(shot, join(ROOT, 'docs/extension-popup.png'));
    }
  });

  it('shows the new value flashing on the God Mode dashboard open in another tab', async () => {
    const dashboard = await context.newPage();
    await dashboard.setViewportSize({ width: 1280, height: 900 });
    await dashboard.goto(`${backend.url}/`);
    await dashboard.waitForURL(/\/login/);
    await dashboard.fill('#username', backend.admin.username);
    await dashboard.fill('#password', backend.admin.password);
    await dashboard.click('[data-action="login"]');
    await dashboard.waitForURL((url) => url.pathname === '/');

    const row = `[data-room="${ALICE.platform}:${ALICE.room}"]`;
    await dashboard.locator(`${row} [data-figure="tokens"][data-value="12400"]`).waitFor();

    // Record every moment the room's tokens cell carries a flash class (it lasts 600 ms).
    await dashboard.evaluate((selector) => {
      const seen: Flash[] = [];
      (window as unknown as FlashLog).flashes = seen;
      new MutationObserver(() => {
        const cell = document.querySelector(`${selector} [data-figure="tokens"]`);
        if (!cell || !/flash-(up|down)/.test(cell.className)) return;
        seen.push({
          value: cell.getAttribute('data-value'),
          up: cell.classList.contains('flash-up'),
          down: cell.classList.contains('flash-down'),
          text: cell.textContent ?? '',
        });
      }).observe(document.body, {
        subtree: true,
        attributes: true,
        childList: true,
        characterData: true,
      });
    }, row);

    await setFigures(alicePage, { tokens: '12 450 tk' });
    await dashboard.waitForFunction(
      () => (window as unknown as FlashLog).flashes.some((f) => f.value === '12450' && f.up),
      null,
      { timeout: 15_000 },
    );
    await dashboard.screenshot({ path: artifactPath('god-mode-flash.png') });
    const flashes = await dashboard.evaluate(() => (window as unknown as FlashLog).flashes);
    const flash = flashes.find((f) => f.value === '12450' && f.up);
    expect(flash).toMatchObject({ up: true, down: false });
    expect(flash?.text).toContain('12,450');
    expect(flash?.text).toContain('+50');
    await backendHolds(ALICE, { tokens_count: 12450, tips_count: 88, viewers_count: 1301 });
  });

  it('queues every change while the backend is down and delivers all of it after a restart on the same port', async () => {
    if (!feed) throw new Error('no live feed');
    await eventually('nothing is waiting', extensionStatus, (s) => s.queueLength === 0);
    const port = backend.port;
    const feedMark = feed.updates.length;
    await backend.stop();

    const shown: FigureTexts[] = [
      { tokens: '12 500 tk', tips: '89', viewers: '1,310' },
      { tokens: '12 620 tk', tips: '90', viewers: '1,322' },
      { tokens: '12 777 tk', tips: '91', viewers: '1,290' },
    ];
    for (const texts of shown) {
      await setFigures(alicePage, texts);
      const tokens = Number(texts.tokens?.replace(/\D/g, ''));
      await eventually(`the update with ${tokens} tokens is queued`, queuedUpdates, (items) =>
        items.some((u) => u.room_id === ALICE.room && u.tokens_count === tokens),
      );
    }
    const waiting = await extensionStatus();
    expect(waiting.delivery).toBe('retrying');
    expect(waiting.lastError).toMatch(/unreachable/i);

    const lastShown = Number(
      (await alicePage.locator('[data-testid="session-tokens"]').textContent())?.replace(/\D/g, ''),
    );
    const queued = await queuedUpdates();
    const aliceTokens = queued.filter((u) => u.room_id === ALICE.room).map((u) => u.tokens_count);
    expect(aliceTokens.filter((t, i) => t !== aliceTokens[i - 1])).toEqual([12500, 12620, 12777]);
    await alicePage.screenshot({ path: artifactPath('room-page-while-backend-down.png') });

    await backend.start();
    expect(backend.port).toBe(port);
    // The retry waits out its backoff (at most 60 s), so allow for the cap plus the delivery.
    await eventually('the queue is drained', extensionStatus, (s) => s.queueLength === 0, 90_000);

    // Every queued update was accepted: the restarted instance counts each one it published
    // (coalesced ones included; later heartbeats of the open pages may add more).
    const adminToken = (await login(backend.url, backend.admin.username, backend.admin.password))
      .access_token;
    const stats = await eventually(
      'the restarted backend published every queued update',
      async () =>
        (await getJson<{ published: number }>(backend.url, '/api/realtime/stats', adminToken)).body,
      (body) => body.published >= queued.length,
    );
    expect(stats.published).toBeGreaterThanOrEqual(queued.length);

    // Dashboards see them in queue order. A busy stream sends only the newest figures of a room
    // per 50 ms frame, so intermediate values may be skipped, never the last one of each room.
    const arrived = () => feed?.updatesSince(feedMark) ?? [];
    const lastPerRoom = [...new Map(queued.map((u) => [`${u.platform}:${u.room_id}`, u])).values()];
    await eventually(
      'the newest queued figures of every room reached the live feed',
      async () => foundInOrder(lastPerRoom, arrived()).length,
      (n) => n === lastPerRoom.length,
    ).catch(() => undefined); // the assertion below shows what is missing
    expect(foundInOrder(lastPerRoom, arrived())).toEqual(lastPerRoom);

    const final = await backendHolds(ALICE, {
      tokens_count: 12777,
      tips_count: 91,
      viewers_count: 1290,
    });
    expect(final.tokens_count).toBe(lastShown);
    expect(final.timestamp).toBeGreaterThanOrEqual(
      queued.filter((u) => u.room_id === ALICE.room).at(-1)?.timestamp ?? Infinity,
    );
    await backendHolds(WONDER, { tokens_count: 100, tips_count: 3, viewers_count: 80 });
    expect(await extensionStatus()).toMatchObject({
      delivery: 'idle',
      queueLength: 0,
      lastError: null,
    });
    await alicePage.bringToFront();
    await popup.locator('#tab-lines').getByText('12,777 (page)').waitFor();
    await popup
      .locator('body')
      .screenshot({ path: artifactPath('extension-popup-after-restart.png') });
  }, 150_000);
});
