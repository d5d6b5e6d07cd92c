import { randomBytes } from 'node:crypto';
import { prepareUsers } from '../support/api';
import { CpuMeter } from '../support/cpu';
import { benchProgram, REDIS_URL } from '../support/paths';
import { updatePool } from '../support/pool';
import { deleteKeys } from '../support/redis';
import { WorkerProcess } from '../support/worker';
import { ratio, type BenchContext, type BenchmarkResult } from '../types';
import type { LoadRequest, LoadResult } from '../workers/http-load';

interface IngestRun {
  load: LoadResult;
  /** Share of one core per process during the measured run. */
  cpu: Record<string, number | null>;
}

interface Server {
  url: string;
  pid: number;
}

/**
 * One autocannon run (in its own process) against `server`, with a warm-up first. The measured
 * processes: the server, Redis and autocannon, on the same two cores.
 */
async function measure(
  ctx: BenchContext,
  server: Server,
  request: Omit<LoadRequest, 'url'>,
): Promise<IngestRun> {
  const generator = await WorkerProcess.start('autocannon', benchProgram('http-load'));
  try {
    const meter = new CpuMeter({
      server: server.pid,
      redis: ctx.redisPid,
      autocannon: generator.pid,
    });
    // The meter covers warm-up and run alike: both load the server the same way.
    meter.start();
    const load = await generator.request<LoadResult>(
      'run',
      { ...request, url: server.url },
      (request.durationSeconds + request.warmupSeconds) * 1000 + 60_000,
    );
    return { load, cpu: meter.stop() };
  } finally {
    await generator.stop();
  }
}

/** The reference server (bench/src/reference/reference-server.ts) in its own process. */
async function withReference<T>(
  ctx: BenchContext,
  work: (server: Server) => Promise<T>,
): Promise<T> {
  const keyPrefix = `rp-bench-ref:${randomBytes(5).toString('hex')}:`;
  const reference = await WorkerProcess.start('reference-server', benchProgram('reference-server'));
  try {
    const { port } = await reference.request<{ port: number }>('start', {
      redisUrl: REDIS_URL,
      keyPrefix,
      jwtSecret: ctx.secrets.jwtSecret,
      ttlSeconds: 3600,
    });
    return await work({ url: `http://127.0.0.1:${port}`, pid: reference.pid });
  } finally {
    await reference.stop();
    await deleteKeys(keyPrefix);
  }
}

function summary(run: IngestRun | null): Record<string, unknown> | null {
  return run && { ...run.load, cpuCores: run.cpu };
}

function problems(run: IngestRun | null): string | null {
  if (!run) return null;
  const { load } = run;
  const bad = load.non2xx + load.errors + load.timeouts + load.sampled.invalid + load.sampled.other;
  return bad > 0
    ? `${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts, sampled ${load.sampled.invalid} invalid / ${load.sampled.other} other${load.sampled.firstOther ? ` (${load.sampled.firstOther})` : ''}`
    : null;
}

async function runIngest(
  ctx: BenchContext,
  mode: 'single' | 'batch',
): Promise<{
  backend: IngestRun;
  reference: IngestRun | null;
  request: Omit<LoadRequest, 'url' | 'token' | 'pool'> & { rooms: number };
}> {
  const rooms = ctx.scaled(500, 10);
  const request = {
    mode,
    batchSize: 100,
    connections: ctx.scaled(50, 2),
    durationSeconds: ctx.duration(10, 2),
    warmupSeconds: ctx.options.smoke ? 0.5 : 3,
    rooms,
  };
  const pool = updatePool(rooms);
  const backend = await ctx.startBackend(`${mode}-ingest`);
  try {
    const tokens = await prepareUsers(backend.url, ctx.secrets);
    const common = { ...request, token: tokens.ingest, pool };
    let reference: IngestRun | null = null;
    if (ctx.options.reference) {
      ctx.log(
        `  reference server: ${request.connections} connections, ${request.durationSeconds} s`,
      );
      reference = await withReference(ctx, (server) => measure(ctx, server, common));
    }
    ctx.log(`  backend: ${request.connections} connections, ${request.durationSeconds} s`);
    const measured = await measure(ctx, { url: backend.url, pid: backend.pid }, common);
    return { backend: measured, reference, request };
  } finally {
    await backend.dispose();
  }
}

export async function runB1(ctx: BenchContext): Promise<BenchmarkResult> {
  const { backend, reference, request } = await runIngest(ctx, 'single');
  const rps = backend.load.requestsPerSecond;
  const refRps = reference?.load.requestsPerSecond ?? null;
  const rpsRatio = ratio(rps, refRps);
  const p99 = backend.load.latencyMs.p99;
  const issues = problems(backend);
  return {
    id: 'B1',
    title: 'single-update ingest',
    rows: [
      {
        benchmark: 'B1',
        figure: `single-update ingest, requests/s (${request.connections} connections, ${request.rooms} rooms)`,
        value: rps,
        unit: 'req/s',
        reference: refRps,
        referenceNote: 'node:http + redis reference server',
        ratio: rpsRatio,
        target: '≥ 0.6 × reference',
        pass: rpsRatio === null ? null : rpsRatio >= 0.6 && issues === null,
      },
      {
        benchmark: 'B1',
        figure: 'single-update ingest, p99 latency',
        value: p99,
        unit: 'ms',
        reference: reference?.load.latencyMs.p99 ?? null,
        referenceNote: 'node:http + redis reference server',
        ratio: ratio(p99, reference?.load.latencyMs.p99 ?? null),
        target: '≤ 20 ms',
        pass: p99 <= 20 && issues === null,
      },
    ],
    details: {
      request,
      backend: summary(backend),
      reference: summary(reference),
      problems: issues,
      referenceProblems: problems(reference),
    },
  };
}

export async function runB2(ctx: BenchContext): Promise<BenchmarkResult> {
  const { backend, reference, request } = await runIngest(ctx, 'batch');
  const ups = backend.load.updatesPerSecond;
  const refUps = reference?.load.updatesPerSecond ?? null;
  const issues = problems(backend);
  const target = ctx.options.smoke ? null : 100_000;
  return {
    id: 'B2',
    title: 'batch ingest',
    rows: [
      {
        benchmark: 'B2',
        figure: `batch ingest, updates/s (${request.batchSize} per request, ${request.connections} connections)`,
        value: ups,
        unit: 'updates/s',
        reference: refUps,
        referenceNote: 'node:http + redis reference server',
        ratio: ratio(ups, refUps),
        target: '≥ 100,000 updates/s',
        pass: target === null ? null : ups >= target && issues === null,
      },
      {
        benchmark: 'B2',
        figure: 'batch ingest, p99 latency per request',
        value: backend.load.latencyMs.p99,
        unit: 'ms',
        reference: reference?.load.latencyMs.p99 ?? null,
        referenceNote: 'node:http + redis reference server',
        ratio: ratio(backend.load.latencyMs.p99, reference?.load.latencyMs.p99 ?? null),
        target: '—',
        pass: null,
      },
    ],
    details: {
      request,
      backend: summary(backend),
      reference: summary(reference),
      problems: issues,
      referenceProblems: problems(reference),
    },
  };
}
