import type { TelemetryBatchResponse, TelemetryUpdateData } from '@roompulse/contracts';
import { listRooms, postBatch, prepareUsers } from '../support/api';
import type { BenchBackend } from '../support/backend';
import { sleep } from '../support/clock';
import { CpuMeter } from '../support/cpu';
import { StudioDriver, updateKey, type DriverStats } from '../support/driver';
import { Histogram, type LatencySummary } from '../support/histogram';
import { benchProgram } from '../support/paths';
import { WorkerProcess } from '../support/worker';
import { ratio, type BenchContext, type BenchmarkResult, type ResultRow } from '../types';
import type { CollectResult, ConnectResult, FinalFigures } from '../workers/socket-clients';

/** From this many dashboards on, the clients are split over two processes (one per core). */
const SECOND_PROCESS_FROM = 200;
/** The N at which the issue sets the targets. */
const TARGET_N = 500;
const P99_TARGET_MS = 150;

export interface FanOutPoint {
  server: 'backend' | 'bare socket.io';
  clients: number;
  connected: number;
  connectSeconds: number;
  driver: DriverStats;
  delay: LatencySummary;
  /** Updates received per second, all dashboards together (a TELEMETRY_BATCH item counts as one). */
  deliveriesPerSecond: number;
  packetsPerSecond: number;
  /** Received / (accepted × dashboards): below 1 when coalescing left out superseded figures. */
  coverage: number | null;
  unmatched: number;
  disconnects: number;
  /** Dashboards ending with exactly the store's figures in every room (backend only). */
  matching: number | null;
  firstMismatch: string | null;
  cpuCores: Record<string, number | null>;
}

function acceptedAll(updates: TelemetryUpdateData[]): TelemetryBatchResponse {
  return {
    results: updates.map((u, index) => ({
      index,
      status: 'accepted',
      room_id: u.room_id,
      platform: u.platform,
    })),
  };
}

/**
 * One point of the curve: `clients` dashboards (real socket.io-client, in one or two processes of
 * their own) connected to the server, the studio driver posting 1,000 rooms every 5 s through the
 * API, `seconds` measured. The delay of an update is from just before its POST left the bench
 * to its receipt by a dashboard: an upper bound of "acceptance to receipt".
 */
export async function fanOutPoint(
  ctx: BenchContext,
  server: FanOutPoint['server'],
  clients: number,
): Promise<FanOutPoint> {
  const rooms = ctx.scaled(1000, 20);
  const seconds = ctx.duration(20, 3);
  const workers: WorkerProcess[] = [];
  let backend: BenchBackend | null = null;
  let bare: WorkerProcess | null = null;
  try {
    let url: string;
    let post: (updates: TelemetryUpdateData[]) => Promise<TelemetryBatchResponse>;
    let viewerToken = '';
    let serverPid: number;
    if (server === 'backend') {
      backend = await ctx.startBackend(`fan-out-${clients}`);
      const tokens = await prepareUsers(backend.url, ctx.secrets);
      url = backend.url;
      viewerToken = tokens.viewer;
      serverPid = backend.pid;
      post = (updates) => postBatch(url, tokens.ingest, updates);
    } else {
      const started = await WorkerProcess.start(
        'bare-socketio',
        benchProgram('bare-socketio-server'),
      );
      bare = started;
      const { port } = await started.request<{ port: number }>('start');
      url = `http://127.0.0.1:${port}`;
      serverPid = started.pid;
      post = async (updates) => {
        started.send('emit', { updates });
        return acceptedAll(updates);
      };
    }

    const driver = new StudioDriver({
      rooms,
      intervalMs: 5000,
      tickMs: 50,
      squads: 0,
      prefix: 'bench',
      seed: 1,
      post,
      onSent: (updates, at) => {
        const keys = updates.map(updateKey);
        for (const worker of workers) worker.send('sent', { keys, at });
      },
    });
    await driver.seedAll();

    const processes = clients >= SECOND_PROCESS_FROM ? 2 : 1;
    const per = Array.from(
      { length: processes },
      (_, i) => Math.floor(clients / processes) + (i < clients % processes ? 1 : 0),
    );
    for (let i = 0; i < processes; i++) {
      workers.push(
        await WorkerProcess.start(`socket-clients-${i}`, benchProgram('socket-clients')),
      );
    }
    const roomKeys = driver.studio.rooms.map((r) => `${r.platform}:${r.room_id}`);
    const connects = await Promise.all(
      workers.map((worker, i) =>
        worker.request<ConnectResult>(
          'connect',
          {
            url,
            token: viewerToken,
            count: per[i],
            roomKeys,
            concurrency: 25,
            awaitSnapshot: true,
          },
          300_000,
        ),
      ),
    );
    const connected = connects.reduce((n, c) => n + c.connected, 0);
    const failed = connects.find((c) => c.firstError)?.firstError;
    if (connected < clients)
      ctx.log(`  only ${connected}/${clients} dashboards connected${failed ? `: ${failed}` : ''}`);
    const connectSeconds = Math.max(...connects.map((c) => c.seconds));

    await sleep(1000);
    await Promise.all(workers.map((worker) => worker.request('reset')));
    const meter = new CpuMeter({
      server: serverPid,
      redis: ctx.redisPid,
      ...Object.fromEntries(workers.map((w, i) => [`clients${i}`, w.pid])),
      bench: process.pid,
    }).start();
    driver.start();
    await sleep(seconds * 1000);
    const driverStats = await driver.stop();
    // The last frames are on their way: give them time before counting.
    await sleep(2000);
    const cpuCores = meter.stop();

    let final: FinalFigures[] | undefined;
    if (backend) {
      final = (await listRooms(url, viewerToken)).map((r) => ({
        key: `${r.platform}:${r.room_id}`,
        tokens: r.tokens_count,
        tips: r.tips_count,
        viewers: r.viewers_count,
        timestamp: r.timestamp,
      }));
    }
    const results = await Promise.all(
      workers.map((worker) => worker.request<CollectResult>('collect', { final }, 120_000)),
    );
    const histogram = new Histogram();
    for (const result of results) histogram.merge(result.latency);
    const sum = (pick: (r: CollectResult) => number) => results.reduce((n, r) => n + pick(r), 0);
    const events = sum((r) => r.events);
    const received = histogram.count;
    const expected = driverStats.accepted * connected;
    return {
      server,
      clients,
      connected,
      connectSeconds,
      driver: driverStats,
      delay: histogram.summary(),
      deliveriesPerSecond: events / driverStats.seconds,
      packetsPerSecond: sum((r) => r.packets) / driverStats.seconds,
      coverage: expected > 0 ? received / expected : null,
      unmatched: sum((r) => r.unmatched),
      disconnects: sum((r) => r.disconnects),
      matching: backend ? connected - sum((r) => r.mismatched) : null,
      firstMismatch: results.find((r) => r.firstMismatch)?.firstMismatch ?? null,
      cpuCores,
    };
  } finally {
    await Promise.all(
      workers.map(async (worker) => {
        await worker.request('close', {}, 30_000).catch(() => undefined);
        await worker.stop();
      }),
    );
    await bare?.stop();
    await backend?.dispose();
  }
}

export async function runB3(ctx: BenchContext): Promise<BenchmarkResult> {
  const points: FanOutPoint[] = [];
  const references: FanOutPoint[] = [];
  const rows: ResultRow[] = [];
  for (const n of ctx.options.clients) {
    const clients = ctx.scaled(n, 2);
    ctx.log(`  N = ${clients}: backend`);
    const point = await fanOutPoint(ctx, 'backend', clients);
    points.push(point);
    let reference: FanOutPoint | null = null;
    if (ctx.options.reference) {
      ctx.log(`  N = ${clients}: bare socket.io reference`);
      reference = await fanOutPoint(ctx, 'bare socket.io', clients);
      references.push(reference);
    }
    const atTarget = n === TARGET_N;
    rows.push({
      benchmark: 'B3',
      figure: `fan-out N=${clients}: POST→receipt delay p99 (${Math.round(point.deliveriesPerSecond)} deliveries/s)`,
      value: point.delay.p99,
      unit: 'ms',
      reference: reference?.delay.p99 ?? null,
      referenceNote: 'bare socket.io, one emit per update',
      ratio: ratio(point.delay.p99, reference?.delay.p99 ?? null),
      target: atTarget ? `≤ ${P99_TARGET_MS} ms` : '— (curve)',
      pass: atTarget ? point.delay.p99 <= P99_TARGET_MS && point.delay.count > 0 : null,
    });
    rows.push({
      benchmark: 'B3',
      figure: `fan-out N=${clients}: dashboards ending with the store's final figures`,
      value: point.matching,
      unit: `of ${clients}`,
      reference: null,
      ratio: null,
      target: atTarget ? 'all' : '— (curve)',
      pass: atTarget ? point.matching === clients : null,
    });
  }
  return { id: 'B3', title: 'fan-out', rows, details: { points, references } };
}
