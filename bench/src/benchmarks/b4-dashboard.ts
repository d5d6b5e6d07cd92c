import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { listRooms, postBatch, prepareUsers, putRoster } from '../support/api';
import type { BenchBackend } from '../support/backend';
import { sleep } from '../support/clock';
import { CpuMeter, descendants } from '../support/cpu';
import { StudioDriver } from '../support/driver';
import { median } from '../support/histogram';
import { summariseTrace, type TraceEvent, type TraceSummary } from '../support/trace-summary';
import { CHROMIUM, RESULTS_DIR } from '../support/paths';
import type { BenchContext, BenchmarkResult } from '../types';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Keep frames coming when the headless window is not "visible".
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** Rooms per squad of the bench's roster: a studio of 1,000 rooms in 40 squads. */
const ROOMS_PER_SQUAD = 25;
const FPS_TARGET = 50;
const LONG_TASK_LIMIT_MS = 100;
/** "Not growing": the heap after GC may end at most this much above where it was after warm-up. */
const HEAP_TOLERANCE = { fraction: 0.05, bytes: 1024 * 1024 };

/**
 * Runs in the page before any of its scripts: counts requestAnimationFrame callbacks per second of
 * `performance.now()` (a fixed array, so counting does not grow the heap it measures) and records
 * long tasks.
 */
const INSTRUMENT = `
(() => {
  const frames = new Uint16Array(7200);
  const longTasks = [];
  const tick = (t) => { frames[Math.floor(t / 1000)] += 1; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  window.__bench = { frames, longTasks };
})();
`;

interface Window {
  fps: number[];
  longTasks: [number, number][];
}

async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** Frames per whole second and long tasks between two `performance.now()` readings of the page. */
async function framesBetween(page: Page, from: number, to: number): Promise<Window> {
  return page.evaluate(
    ([start, end]) => {
      const bench = (
        globalThis as unknown as { __bench: { frames: Uint16Array; longTasks: [number, number][] } }
      ).__bench;
      const fps: number[] = [];
      for (let s = Math.ceil(start / 1000); s < Math.floor(end / 1000); s++)
        fps.push(bench.frames[s]);
      return { fps, longTasks: bench.longTasks.filter(([at]) => at >= start && at < end) };
    },
    [from, to] as const,
  );
}

/**
 * JS heap after full GCs: the least of three readings half a second apart, so that a batch of
 * messages being handled at that moment does not count as growth.
 */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  let least = Infinity;
  for (let i = 0; i < 3; i++) {
    if (i > 0) await sleep(500);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    least = Math.min(least, (await cdp.send('Runtime.getHeapUsage')).usedSize);
  }
  return least;
}

async function shownTotalTokens(page: Page): Promise<number | null> {
  const value = await page.getAttribute('[data-kpi="tokens"] [data-figure="tokens"]', 'data-value');
  return value ? Number(value) : null;
}

const TRACE_SECONDS = 5;

/**
 * Records a Chromium performance trace of the page under load and says where its main thread's
 * time went (script, style, layout, prepaint, paint…), the first thing to read when B4 misses.
 */
async function recordTrace(
  browser: Browser,
  page: Page,
  ctx: BenchContext,
): Promise<TraceSummary | null> {
  const dir = join(RESULTS_DIR, 'profiles');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'dashboard-trace.json');
  await browser.startTracing(page, {
    path,
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'disabled-by-default-devtools.timeline.frame',
      'v8.execute',
    ],
  });
  await sleep(TRACE_SECONDS * 1000);
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as
    { traceEvents?: TraceEvent[] } | TraceEvent[];
  const summary = summariseTrace(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []));
  if (summary) {
    const parts = Object.entries(summary.mainThreadMs).map(([bucket, ms]) => `${bucket} ${ms} ms`);
    ctx.log(`  trace (${summary.spanMs} ms, ${path}): ${parts.join(', ')}`);
  }
  return summary;
}

export async function runB4(ctx: BenchContext): Promise<BenchmarkResult> {
  const rooms = ctx.scaled(1000, 20);
  const seconds = ctx.duration(60, 4);
  const warmupSeconds = ctx.options.smoke ? 1 : 10;
  const idleSeconds = ctx.options.smoke ? 1 : 5;
  let backend: BenchBackend | null = null;
  let browser: Browser | null = null;
  let driver: StudioDriver | null = null;
  try {
    backend = await ctx.startBackend('dashboard', { dashboard: true });
    const started = backend;
    const tokens = await prepareUsers(started.url, ctx.secrets);
    driver = new StudioDriver({
      rooms,
      intervalMs: 5000,
      tickMs: 50,
      squads: Math.ceil(rooms / ROOMS_PER_SQUAD),
      prefix: 'bench',
      seed: 4,
      post: (updates) => postBatch(started.url, tokens.ingest, updates),
    });
    await putRoster(backend.url, tokens.admin, { squads: driver.studio.squads });
    await driver.seedAll();

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(INSTRUMENT);
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`${backend.url}/`);
    await page.waitForSelector('#username');
    await page.fill('#username', 'bench-viewer');
    await page.fill('#password', `${ctx.secrets.admin.password}-viewer`);
    await page.click('[data-action="login"]');
    await page.waitForSelector('[data-connection="connected"]', { timeout: 30_000 });
    await page.waitForFunction(
      (n) => document.querySelectorAll('tr[data-room]').length >= n,
      rooms,
      { timeout: 60_000 },
    );

    // Reference: the same page with the same rooms, no updates arriving.
    await sleep(1000);
    const idleFrom = await pageNow(page);
    await sleep(idleSeconds * 1000 + 1000);
    const idle = await framesBetween(page, idleFrom, await pageNow(page));

    ctx.log(
      `  ${rooms} rooms, ${Math.round(rooms / 5)} updates/s: ${warmupSeconds} s warm-up, ${seconds} s measured`,
    );
    driver.start();
    await sleep(warmupSeconds * 1000);
    const heapStart = await heapAfterGc(cdp);
    const heapSamples: [number, number][] = [];
    const meter = new CpuMeter({
      backend: backend.pid,
      chromium: descendants(process.pid, /chrom/i),
      redis: ctx.redisPid,
      bench: process.pid,
    }).start();
    if (ctx.options.cpuProfile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const from = await pageNow(page);
    for (let t = 0; t < seconds; t += 5) {
      await sleep(Math.min(5, seconds - t) * 1000);
      heapSamples.push([
        t + Math.min(5, seconds - t),
        (await cdp.send('Runtime.getHeapUsage')).usedSize,
      ]);
    }
    const to = await pageNow(page);
    const cpuCores = meter.stop();
    if (ctx.options.cpuProfile) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(join(RESULTS_DIR, 'profiles'), { recursive: true });
      writeFileSync(
        join(RESULTS_DIR, 'profiles/dashboard-page.cpuprofile'),
        JSON.stringify(profile),
      );
    }
    const measured = await framesBetween(page, from, to);
    // After the measured window, so that tracing's own cost does not count against the page.
    const trace = ctx.options.trace ? await recordTrace(browser, page, ctx) : null;
    // What the page looked like under load, to see that it rendered what it was sent.
    const screenshot = join(RESULTS_DIR, 'b4-dashboard-under-load.png');
    await page.screenshot({ path: screenshot });
    const heapEnd = await heapAfterGc(cdp);
    const driverStats = await driver.stop();
    driver = null;

    await sleep(2000);
    const storeTokens = (await listRooms(backend.url, tokens.viewer)).reduce(
      (n, r) => n + r.tokens_count,
      0,
    );
    const shownTokens = await shownTotalTokens(page);

    const fps = median(measured.fps);
    const longest = measured.longTasks.reduce((max, [, d]) => Math.max(max, d), 0);
    const growth = heapEnd - heapStart;
    const heapOk = growth <= Math.max(HEAP_TOLERANCE.bytes, heapStart * HEAP_TOLERANCE.fraction);
    const mb = (bytes: number) => bytes / (1024 * 1024);
    return {
      id: 'B4',
      title: 'dashboard rendering',
      rows: [
        {
          benchmark: 'B4',
          figure: `dashboard, median frames/s (${rooms} rooms, ${Math.round(driverStats.updatesPerSecond)} updates/s, ${seconds} s)`,
          value: fps,
          unit: 'frames/s',
          reference: median(idle.fps),
          referenceNote: 'same page, no updates',
          ratio: median(idle.fps) > 0 ? fps / median(idle.fps) : null,
          target: `≥ ${FPS_TARGET}`,
          pass: fps >= FPS_TARGET,
        },
        {
          benchmark: 'B4',
          figure: `dashboard, longest long task (${measured.longTasks.length} long tasks)`,
          value: longest,
          unit: 'ms',
          reference: idle.longTasks.reduce((max, [, d]) => Math.max(max, d), 0),
          referenceNote: 'same page, no updates',
          ratio: null,
          target: `≤ ${LONG_TASK_LIMIT_MS} ms`,
          pass: longest <= LONG_TASK_LIMIT_MS,
        },
        {
          benchmark: 'B4',
          figure: `dashboard, JS heap growth after warm-up (after GC: ${mb(heapStart).toFixed(1)} → ${mb(heapEnd).toFixed(1)} MB)`,
          value: mb(growth),
          unit: 'MB',
          reference: null,
          ratio: null,
          target: `not growing (≤ +${HEAP_TOLERANCE.fraction * 100}% or +1 MB)`,
          pass: heapOk,
        },
        {
          benchmark: 'B4',
          figure: "dashboard, total tokens shown at the end vs the store's",
          value: shownTokens,
          unit: 'tokens',
          reference: storeTokens,
          referenceNote: 'sum over the store',
          ratio: shownTokens === null ? null : shownTokens / storeTokens,
          target: 'equal',
          pass: shownTokens === storeTokens,
        },
      ],
      details: {
        rooms,
        seconds,
        warmupSeconds,
        fpsPerSecond: measured.fps,
        idleFpsPerSecond: idle.fps,
        longTasks: measured.longTasks,
        heap: { afterWarmupGc: heapStart, endGc: heapEnd, samples: heapSamples },
        driver: driverStats,
        cpuCores,
        screenshot,
        ...(trace ? { trace } : {}),
      },
    };
  } finally {
    await driver?.stop(1000);
    await browser?.close();
    await backend?.dispose();
  }
}
