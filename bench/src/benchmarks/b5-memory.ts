import type { TelemetryBatchResponse, TelemetryUpdateData } from '@roompulse/contracts';
import { postBatch, prepareUsers } from '../support/api';
import type { BenchBackend } from '../support/backend';
import { sleep } from '../support/clock';
import { StudioDriver } from '../support/driver';
import { Inspector } from '../support/inspector';
import { benchProgram } from '../support/paths';
import { WorkerProcess } from '../support/worker';
import { ratio, type BenchContext, type BenchmarkResult } from '../types';
import type { ConnectResult } from '../workers/socket-clients';

/** Grafana Live's documented cost of one WebSocket connection, the yardstick. */
const GRAFANA_LIVE_KB = 50;

interface MemoryPoint {
  rssKiB: number;
  heapUsedKiB: number;
}

export interface MemoryResult {
  server: 'backend' | 'bare socket.io';
  connections: number;
  idle: MemoryPoint;
  loaded: MemoryPoint;
  kbPerConnection: number;
  heapKbPerConnection: number;
  connectSeconds: number;
}

async function connectDashboards(
  url: string,
  token: string,
  count: number,
  roomKeys: string[],
): Promise<{ workers: WorkerProcess[]; connected: number; seconds: number }> {
  const processes = count >= 200 ? 2 : 1;
  const workers: WorkerProcess[] = [];
  for (let i = 0; i < processes; i++)
    workers.push(await WorkerProcess.start(`socket-clients-${i}`, benchProgram('socket-clients')));
  const per = Array.from(
    { length: processes },
    (_, i) => Math.floor(count / processes) + (i < count % processes ? 1 : 0),
  );
  const results = await Promise.all(
    workers.map((worker, i) =>
      worker.request<ConnectResult>(
        'connect',
        { url, token, count: per[i], roomKeys, concurrency: 25, awaitSnapshot: true },
        300_000,
      ),
    ),
  );
  return {
    workers,
    connected: results.reduce((n, r) => n + r.connected, 0),
    seconds: Math.max(...results.map((r) => r.seconds)),
  };
}

async function closeAll(workers: WorkerProcess[]): Promise<void> {
  await Promise.all(
    workers.map(async (worker) => {
      await worker.request('close', {}, 30_000).catch(() => undefined);
      await worker.stop();
    }),
  );
}

function studio(
  rooms: number,
  post: (updates: TelemetryUpdateData[]) => Promise<TelemetryBatchResponse>,
): StudioDriver {
  return new StudioDriver({
    rooms,
    intervalMs: 5000,
    tickMs: 50,
    squads: 0,
    prefix: 'bench',
    seed: 5,
    post,
  });
}

/** Backend RSS idle, then with `connections` dashboards connected, each after a forced full GC. */
async function backendMemory(
  ctx: BenchContext,
  connections: number,
  rooms: number,
): Promise<MemoryResult> {
  let backend: BenchBackend | null = null;
  let workers: WorkerProcess[] = [];
  let inspector: Inspector | null = null;
  try {
    backend = await ctx.startBackend('memory', { nodeArgs: ['--inspect=127.0.0.1:0'] });
    const started = backend;
    const tokens = await prepareUsers(started.url, ctx.secrets);
    const driver = studio(rooms, (updates) => postBatch(started.url, tokens.ingest, updates));
    await driver.seedAll();
    const url = backend.inspectorUrl;
    if (!url) throw new Error(`the backend printed no inspector URL:\n${backend.log}`);
    const connectedInspector = await Inspector.connect(url);
    inspector = connectedInspector;
    const sample = async (): Promise<MemoryPoint> => {
      await connectedInspector.collectGarbage();
      const usage = await connectedInspector.memoryUsage();
      return {
        rssKiB: Math.round(usage.rss / 1024),
        heapUsedKiB: Math.round(usage.heapUsed / 1024),
      };
    };
    await sleep(2000);
    const idle = await sample();
    const roomKeys = driver.studio.rooms.map((r) => `${r.platform}:${r.room_id}`);
    const connected = await connectDashboards(backend.url, tokens.viewer, connections, roomKeys);
    workers = connected.workers;
    if (connected.connected < connections)
      throw new Error(`only ${connected.connected}/${connections} dashboards connected`);
    await sleep(3000);
    const loaded = await sample();
    return {
      server: 'backend',
      connections,
      idle,
      loaded,
      kbPerConnection: ((loaded.rssKiB - idle.rssKiB) * 1.024) / connections,
      heapKbPerConnection: ((loaded.heapUsedKiB - idle.heapUsedKiB) * 1.024) / connections,
      connectSeconds: connected.seconds,
    };
  } finally {
    inspector?.close();
    await closeAll(workers);
    await backend?.dispose();
  }
}

/** The same with bare socket.io (`--expose-gc`), as the floor of what a connection costs. */
async function bareMemory(connections: number, rooms: number): Promise<MemoryResult> {
  const server = await WorkerProcess.start('bare-socketio', benchProgram('bare-socketio-server'), {
    execArgv: ['--expose-gc'],
  });
  let workers: WorkerProcess[] = [];
  try {
    const { port } = await server.request<{ port: number }>('start');
    const driver = studio(rooms, async (updates) => {
      await server.request('seed', { updates });
      return { results: [] };
    });
    await driver.seedAll();
    await sleep(2000);
    const idle = await server.request<MemoryPoint>('memory');
    const roomKeys = driver.studio.rooms.map((r) => `${r.platform}:${r.room_id}`);
    const connected = await connectDashboards(
      `http://127.0.0.1:${port}`,
      'none',
      connections,
      roomKeys,
    );
    workers = connected.workers;
    await sleep(3000);
    const loaded = await server.request<MemoryPoint>('memory');
    return {
      server: 'bare socket.io',
      connections,
      idle,
      loaded,
      kbPerConnection: ((loaded.rssKiB - idle.rssKiB) * 1.024) / connections,
      heapKbPerConnection: ((loaded.heapUsedKiB - idle.heapUsedKiB) * 1.024) / connections,
      connectSeconds: connected.seconds,
    };
  } finally {
    await closeAll(workers);
    await server.stop();
  }
}

export async function runB5(ctx: BenchContext): Promise<BenchmarkResult> {
  const connections = ctx.scaled(1000, 10);
  const rooms = ctx.scaled(1000, 20);
  ctx.log(`  backend: idle, then ${connections} dashboards`);
  const backend = await backendMemory(ctx, connections, rooms);
  let reference: MemoryResult | null = null;
  if (ctx.options.reference) {
    ctx.log(`  bare socket.io reference: idle, then ${connections} dashboards`);
    reference = await bareMemory(connections, rooms);
  }
  const mb = (kib: number) => (kib / 1024).toFixed(0);
  return {
    id: 'B5',
    title: 'memory per dashboard connection',
    rows: [
      {
        benchmark: 'B5',
        figure: `backend RSS per dashboard connection (${mb(backend.idle.rssKiB)} MB idle → ${mb(backend.loaded.rssKiB)} MB with ${connections})`,
        value: backend.kbPerConnection,
        unit: 'KB',
        reference: reference?.kbPerConnection ?? null,
        referenceNote: `bare socket.io, same clients (Grafana Live documents ~${GRAFANA_LIVE_KB} KB)`,
        ratio: ratio(backend.kbPerConnection, reference?.kbPerConnection ?? null),
        target: `≤ ${GRAFANA_LIVE_KB} KB`,
        pass: backend.kbPerConnection <= GRAFANA_LIVE_KB,
      },
      {
        benchmark: 'B5',
        figure: 'backend JS heap per dashboard connection',
        value: backend.heapKbPerConnection,
        unit: 'KB',
        reference: reference?.heapKbPerConnection ?? null,
        referenceNote: 'bare socket.io, same clients',
        ratio: ratio(backend.heapKbPerConnection, reference?.heapKbPerConnection ?? null),
        target: '—',
        pass: null,
      },
    ],
    details: { backend, reference },
  };
}
