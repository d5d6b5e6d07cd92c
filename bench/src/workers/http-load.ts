// autocannon in a process of its own, so the load generator is not the process it measures.
// Bodies rotate over a pool of realistic updates (made by the simulator's model in the bench) with
// the current time as their timestamp, so every request is valid and stored, never stale.
import autocannon from 'autocannon';
import type { TelemetryUpdateData } from '@roompulse/contracts';
import { serveWorker } from '../support/worker';

export interface LoadRequest {
  url: string;
  token: string;
  /** `single`: POST /api/tracking/telemetry; `batch`: POST /api/tracking/telemetry/batch. */
  mode: 'single' | 'batch';
  batchSize: number;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  pool: TelemetryUpdateData[];
}

export interface LoadResult {
  seconds: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  requestsPerSecond: number;
  updatesPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** Item statuses of every 20th answer (parsing every answer would load the generator). */
  sampled: {
    accepted: number;
    stale: number;
    invalid: number;
    other: number;
    firstOther: string | null;
  };
}

function requestsFor(request: LoadRequest, sampled: LoadResult['sampled']): autocannon.Request[] {
  const { pool, mode, batchSize } = request;
  let cursor = 0;
  let answers = 0;
  const nextBody = (): string => {
    const timestamp = Math.floor(Date.now() / 1000);
    if (mode === 'single') {
      const update = pool[cursor];
      cursor = (cursor + 1) % pool.length;
      return JSON.stringify({ ...update, timestamp });
    }
    const updates: TelemetryUpdateData[] = [];
    for (let i = 0; i < batchSize; i++) {
      updates.push({ ...pool[cursor], timestamp });
      cursor = (cursor + 1) % pool.length;
    }
    return JSON.stringify({ updates });
  };
  const count = (status: string, body: string) => {
    if (status === 'accepted') sampled.accepted += 1;
    else if (status === 'stale') sampled.stale += 1;
    else if (status === 'invalid') sampled.invalid += 1;
    else {
      sampled.other += 1;
      sampled.firstOther ??= body.slice(0, 300);
    }
  };
  return [
    {
      method: 'POST',
      path: mode === 'single' ? '/api/tracking/telemetry' : '/api/tracking/telemetry/batch',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
      setupRequest: (req) => ({ ...req, body: nextBody() }),
      onResponse: (status, body) => {
        answers += 1;
        if (answers % 20 !== 0) return;
        if (status >= 300) return count(`http ${status}`, body);
        try {
          const parsed = JSON.parse(body) as { status?: string; results?: { status: string }[] };
          if (parsed.results) for (const r of parsed.results) count(r.status, body);
          else count(parsed.status ?? 'none', body);
        } catch {
          count('unparsable', body);
        }
      },
    },
  ];
}

serveWorker({
  async run(request: LoadRequest): Promise<LoadResult> {
    const scratch = { accepted: 0, stale: 0, invalid: 0, other: 0, firstOther: null };
    if (request.warmupSeconds > 0) {
      await autocannon({
        url: request.url,
        connections: request.connections,
        duration: request.warmupSeconds,
        requests: requestsFor(request, scratch),
      });
    }
    const sampled: LoadResult['sampled'] = {
      accepted: 0,
      stale: 0,
      invalid: 0,
      other: 0,
      firstOther: null,
    };
    const result = await autocannon({
      url: request.url,
      connections: request.connections,
      duration: request.durationSeconds,
      timeout: 10,
      requests: requestsFor(request, sampled),
    });
    const ok = result['2xx'];
    const seconds = result.duration;
    const perRequest = request.mode === 'single' ? 1 : request.batchSize;
    return {
      seconds,
      requests: result.requests.total ?? ok + result.non2xx,
      ok,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      requestsPerSecond: ok / seconds,
      updatesPerSecond: (ok * perRequest) / seconds,
      latencyMs: {
        mean: result.latency.mean,
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      sampled,
    };
  },
});
