import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { TelemetryUpdateData } from '@roompulse/contracts';
import { createUser, login, nowSeconds, postTelemetry } from './support/api';
import { BackendProcess, ROOT } from '@roompulse/test-support';
import { artifactPath, launchBrowser } from './support/browser';

const INGEST = { username: 'e2e-ingest', password: 'e2e-ingest-password' };

const roster = {
  squads: [
    {
      id: 'aurora',
      name: 'Aurora',
      rooms: [
        {
          room_id: 'alice_cam',
          platform: 'chaturbate',
          display_name: 'Alice',
          daily_goal_tokens: 5000,
        },
        { room_id: 'bella', platform: 'stripchat', display_name: 'Bella', daily_goal_tokens: 3000 },
      ],
    },
    {
      id: 'nova',
      name: 'Nova',
      rooms: [
        { room_id: 'carla', platform: 'camsoda', display_name: 'Carla', daily_goal_tokens: 4000 },
      ],
    },
  ],
};

describe('God Mode dashboard in Chromium against the real backend', () => {
  const backend = new BackendProcess();
  let browser: Browser;
  let page: Page;
  let ingestToken = '';
  let clock = nowSeconds();

  function figures(room: string, overrides: Partial<TelemetryUpdateData>): TelemetryUpdateData {
    const [platform, room_id] = room.split(':') as [TelemetryUpdateData['platform'], string];
    clock += 1;
    return {
      room_id,
      platform,
      tokens_count: 0,
      tips_count: 0,
      viewers_count: 0,
      timestamp: clock,
      ...overrides,
    };
  }
  const cell = (room: string, figure: string): Locator =>
    page.locator(`[data-room="${room}"] [data-figure="${figure}"]`);

  beforeAll(async () => {
    await backend.start();
    const admin = await login(backend.url, backend.admin.username, backend.admin.password);
    await createUser(backend.url, admin.access_token, INGEST.username, INGEST.password, 'ingest');
    ingestToken = (await login(backend.url, INGEST.username, INGEST.password)).access_token;
    const put = await fetch(`${backend.url}/api/roster`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin.access_token}`,
      },
      body: JSON.stringify(roster),
    });
    expect(put.status).toBe(200);
    await postTelemetry(
      backend.url,
      ingestToken,
      figures('chaturbate:alice_cam', { tokens_count: 1200, tips_count: 14, viewers_count: 321 }),
    );
    await postTelemetry(
      backend.url,
      ingestToken,
      figures('stripchat:bella', { tokens_count: 2400, tips_count: 30, viewers_count: 120 }),
    );
    await postTelemetry(
      backend.url,
      ingestToken,
      figures('camsoda:carla', { tokens_count: 900, tips_count: 8, viewers_count: 75 }),
    );
    await postTelemetry(
      backend.url,
      ingestToken,
      figures('chaturbate:drifter', { tokens_count: 50, tips_count: 1, viewers_count: 9 }),
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await backend.dispose();
  });

  it('sends a signed-out visitor to the login page, and a wrong password gets a message', async () => {
    // Short status thresholds so "stale" can be seen in seconds; they are read once at start.
    await page.goto(`${backend.url}/?staleAfter=4&offlineAfter=600`);
    await page.waitForSelector('#username');
    await page.fill('#username', backend.admin.username);
    await page.fill('#password', 'not-the-password');
    await page.click('[data-action="login"]');
    await expectText(page.locator('[data-login-error]'), /invalid|wrong|incorrect/i);
  });

  it('signs in and shows the snapshot: rooms, squads, KPIs and the unassigned room', async () => {
    await page.fill('#password', backend.admin.password);
    await page.click('[data-action="login"]');
    await page.waitForSelector('[data-connection="connected"]', { timeout: 10_000 });
    await expectValue(cell('chaturbate:alice_cam', 'tokens'), '1200');
    await expectValue(cell('stripchat:bella', 'viewers'), '120');
    await expectValue(
      page.locator('[data-kpi="tokens"] [data-figure="tokens"]'),
      String(1200 + 2400 + 900 + 50),
    );
    expect(await page.locator('[data-squad="aurora"] [data-room]').count()).toBe(2);
    expect(
      await page.locator('[data-squad="unassigned"] [data-room="chaturbate:drifter"]').count(),
    ).toBe(1);
    expect(await page.locator('[data-tile="camsoda:carla"]').count()).toBe(1);
    await page.screenshot({ path: artifactPath('god-mode-snapshot.png') });
  });

  it('flashes a rising figure green with its delta within a second, then lets the flash go', async () => {
    const tokens = cell('chaturbate:alice_cam', 'tokens');
    const posted = Date.now();
    await postTelemetry(
      backend.url,
      ingestToken,
      figures('chaturbate:alice_cam', { tokens_count: 1225, tips_count: 15, viewers_count: 321 }),
    );
    await tokens.and(page.locator('.flash-up')).waitFor({ timeout: 1_000 });
    expect(Date.now() - posted).toBeLessThan(1_000);
    expect(await tokens.getAttribute('data-value')).toBe('1225');
    expect(await tokens.textContent()).toContain('+25');
    await page.screenshot({ path: artifactPath('god-mode-flash.png') });
    await page.waitForFunction(
      (el) => !el?.classList.contains('flash-up'),
      await tokens.elementHandle(),
      { timeout: 3_000 },
    );
  });

  it('flashes a falling figure red', async () => {
    const viewers = cell('chaturbate:alice_cam', 'viewers');
    await postTelemetry(
      backend.url,
      ingestToken,
      figures('chaturbate:alice_cam', { tokens_count: 1225, tips_count: 15, viewers_count: 300 }),
    );
    await viewers.and(page.locator('.flash-down')).waitFor({ timeout: 1_000 });
    expect(await viewers.getAttribute('data-value')).toBe('300');
    expect(await viewers.textContent()).toContain('-21');
  });

  it('turns a room stale by itself as time passes without new data', async () => {
    const badge = page.locator('[data-room="camsoda:carla"] [data-status]');
    await page.waitForSelector('[data-room="camsoda:carla"] [data-status="stale"]', {
      timeout: 15_000,
    });
    expect(await badge.getAttribute('data-status')).toBe('stale');
    await postTelemetry(
      backend.url,
      ingestToken,
      figures('camsoda:carla', { tokens_count: 950, tips_count: 9, viewers_count: 75 }),
    );
    await page.waitForSelector('[data-room="camsoda:carla"] [data-status="live"]', {
      timeout: 2_000,
    });
  });

  it('shows reconnecting while the backend is down, keeps the figures, and reconnects', async () => {
    await backend.stop();
    await page.waitForSelector('[data-connection="reconnecting"], [data-connection="offline"]', {
      timeout: 10_000,
    });
    await expectValue(cell('chaturbate:alice_cam', 'tokens'), '1225');
    expect(await page.locator('[data-possibly-stale="true"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('god-mode-reconnecting.png') });

    await backend.start();
    await page.waitForSelector('[data-connection="connected"]', { timeout: 30_000 });
    await expectValue(cell('chaturbate:alice_cam', 'tokens'), '1225');
    await postTelemetry(
      backend.url,
      ingestToken,
      figures('stripchat:bella', { tokens_count: 2500, tips_count: 31, viewers_count: 125 }),
    );
    await expectValue(cell('stripchat:bella', 'tokens'), '2500');
    await page.screenshot({ path: artifactPath('god-mode.png') });
    // The README's screenshot is refreshed on request only, so a test run leaves the tree clean.
    if (process.env['ROOMPULSE_UPDATE_DOCS'] === '1') {
      copyFileSync(artifactPath('god-mode.png'), join(ROOT, 'docs/god-mode.png'));
    }
  });

  it('leaves a card far below the fold alone and catches it up when it is scrolled into view', async () => {
    // Enough squads that the last ones are far below the fold; the "tail" squad earns least, so
    // it is sorted last and stays there.
    const bulk = Array.from({ length: 16 }, (_, s) => ({
      id: `bulk-${s}`,
      name: `Bulk ${s}`,
      rooms: Array.from({ length: 5 }, (_, r) => ({
        room_id: `bulk_${s}_${r}`,
        platform: 'chaturbate',
        display_name: `Bulk ${s}.${r}`,
        daily_goal_tokens: 0,
      })),
    }));
    const tail = {
      id: 'tail',
      name: 'Tail',
      rooms: [
        { room_id: 'tail_cam', platform: 'camsoda', display_name: 'Tail', daily_goal_tokens: 0 },
      ],
    };
    const admin = await login(backend.url, backend.admin.username, backend.admin.password);
    const put = await fetch(`${backend.url}/api/roster`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin.access_token}`,
      },
      body: JSON.stringify({ squads: [...roster.squads, ...bulk, tail] }),
    });
    expect(put.status).toBe(200);
    for (const squad of bulk) {
      for (const room of squad.rooms) {
        await postTelemetry(
          backend.url,
          ingestToken,
          figures(`chaturbate:${room.room_id}`, { tokens_count: 10_000, viewers_count: 50 }),
        );
      }
    }
    await postTelemetry(backend.url, ingestToken, figures('camsoda:tail_cam', { tokens_count: 5 }));

    // The roster is read when the screen opens.
    await page.reload();
    await page.waitForSelector('[data-connection="connected"]', { timeout: 10_000 });
    const tailTokens = cell('camsoda:tail_cam', 'tokens');
    await expectValue(tailTokens, '5');
    await page.evaluate(() => window.scrollTo(0, 0));
    const squads = page.locator('rp-squad-card');
    expect(await squads.last().getAttribute('data-squad')).toBe('tail');

    const totalBefore = Number(
      await page.locator('[data-kpi="tokens"] [data-figure="tokens"]').getAttribute('data-value'),
    );
    await postTelemetry(backend.url, ingestToken, figures('camsoda:tail_cam', { tokens_count: 7 }));
    // The totals move at once; the card nobody can see is not redrawn…
    await expectValue(
      page.locator('[data-kpi="tokens"] [data-figure="tokens"]'),
      String(totalBefore + 2),
    );
    expect(await tailTokens.getAttribute('data-value')).toBe('5');

    // …until it comes into view: then it shows the figure and flashes the change.
    await squads.last().scrollIntoViewIfNeeded();
    await expectValue(tailTokens, '7');
    expect(await tailTokens.textContent()).toContain('+2');
  });

  it('makes the heat map one tab stop whose arrow keys follow the grid as laid out', async () => {
    const tiles = page.locator('[data-tile]');
    expect(await page.locator('[data-tile][tabindex="0"]').count()).toBe(1);
    await tiles.first().focus();
    await page.keyboard.press('ArrowDown');
    const { index, columns } = await page.evaluate(() => {
      const items = Array.from(document.querySelector('rp-room-heat-map ul')?.children ?? []);
      const top = (items[0] as HTMLElement).offsetTop;
      return {
        index: items.indexOf(document.activeElement as Element),
        columns: items.filter((item) => (item as HTMLElement).offsetTop === top).length,
      };
    });
    expect(columns).toBeGreaterThan(1);
    expect(index).toBe(columns);
    await page.keyboard.press('ArrowRight');
    // The tab stop follows the focus with the next render.
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('tabindex') === '0',
      null,
      {
        timeout: 2_000,
      },
    );
    expect(await page.locator('[data-tile][tabindex="0"]').count()).toBe(1);
  });

  it('logs out back to the login page', async () => {
    await page.click('[data-action="logout"]');
    await page.waitForSelector('#username');
    expect(page.url()).toContain('/login');
  });
});

async function expectValue(locator: Locator, value: string): Promise<void> {
  await locator.first().waitFor();
  await locator
    .page()
    .waitForFunction(
      ([el, expected]) => (el as Element | null)?.getAttribute('data-value') === expected,
      [await locator.first().elementHandle(), value] as const,
      { timeout: 5_000 },
    );
}

async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  await locator.first().waitFor({ timeout: 5_000 });
  expect(await locator.first().textContent()).toMatch(pattern);
}
