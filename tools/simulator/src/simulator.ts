import type { Squad } from '@roompulse/contracts';
import { Backoff } from './driver/backoff';
import { prepare } from './driver/setup';
import { TelemetrySender, type SenderCounters } from './driver/telemetry-sender';
import { buildDemoStudio, type RoomProfile } from './model/demo-studio';
import { deriveSeed, seededRng } from './model/rng';
import { StudioModel, type RoomView } from './model/studio-model';
import { resolveOptions, type SimulatorInput } from './options';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface SimulatorStats extends SenderCounters {
  running: boolean;
  uptimeSeconds: number;
  rooms: number;
  roomsLive: number;
  /** Rounds run, and rounds skipped because a round took longer than the interval. */
  ticks: number;
  ticksSkipped: number;
  /** Updates the model produced (sent, superseded, queued or in flight). */
  generated: number;
  /** Items answered by the server per second of uptime. */
  updatesPerSecond: number;
  backlog: number;
  inFlight: number;
  reSignIns: number;
  /** Round trip of recent batch requests (up to the last 4096), in ms; null before the first. */
  latencyMs: LatencySummary | null;
  lastError: string | null;
}

export interface RunningSimulator {
  readonly rooms: readonly RoomProfile[];
  /** The demo squads (stored only when signed in as admin with `roster` on). */
  readonly squads: readonly Squad[];
  /** Who sends the telemetry. */
  readonly telemetryUser: string;
  stats(): SimulatorStats;
  /** Every room's current figures in the model. */
  view(): RoomView[];
  /**
   * Stops the rounds, gives queued and in-flight batches up to `drainMs` (default 5 s) to be
   * answered, aborts the rest and resolves with the final stats. Safe to call more than once.
   */
  stop(drainMs?: number): Promise<SimulatorStats>;
  /** Resolves when the run has ended: by `stop()`, or when `durationSeconds` have passed. */
  readonly finished: Promise<SimulatorStats>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarizeLatency(samples: number[]): LatencySummary | null {
  if (samples.length === 0) return null;
  const sorted = samples.slice().sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
  };
}

/**
 * Signs in, stores the demo roster and starts sending rounds of telemetry; resolves once the first
 * round is on its way. Rejects when setup fails (bad credentials, a viewer account, a backend that
 * stays unreachable for `setupAttempts`). Installs no signal handlers: the CLI does that.
 *
 * Pacing: round n is due at start + n·interval. A round that comes due while the previous one is
 * still queued is run anyway (the model advances and newer figures replace the queued ones); a
 * process so busy that whole intervals pass without a round skips them and counts `ticksSkipped`.
 */
export async function startSimulator(input: SimulatorInput): Promise<RunningSimulator> {
  const options = resolveOptions(input);
  const { log, clock } = options;
  const studio = buildDemoStudio({
    rooms: options.rooms,
    squads: options.squads,
    prefix: options.prefix,
    rng: seededRng(deriveSeed(options.seed, 1)),
  });
  const abort = new AbortController();
  const session = {
    signal: abort.signal,
    timeoutMs: options.requestTimeoutMs,
    fetch: options.fetch,
  };
  const setup = await prepare({
    url: options.url,
    credentials: { username: options.username, password: options.password },
    studio,
    prefix: options.prefix,
    roster: options.roster,
    ingestUser: options.ingestUser,
    ingestPassword: options.ingestPassword,
    session,
    backoff: new Backoff(seededRng(deriveSeed(options.seed, 3))),
    attempts: options.setupAttempts,
    log,
  });
  const telemetry = setup.telemetry;

  const startedAt = clock();
  const model = new StudioModel(studio.rooms, seededRng(deriveSeed(options.seed, 2)), startedAt, {
    churn: options.churn,
    sessionMinutes: options.sessionMinutes,
    breakMinutes: options.breakMinutes,
  });
  let lastError: string | null = null;
  let lastErrorLoggedAt = -Infinity;
  // The first error at once, then at most one line per 5 s; the progress lines count them all.
  const reportError = (line: string, summary = line): void => {
    lastError = summary;
    if (clock() - lastErrorLoggedAt < 5000) return;
    lastErrorLoggedAt = clock();
    log(line);
  };
  const sender = new TelemetrySender(
    (updates) => telemetry.request('POST', 'api/tracking/telemetry/batch', { updates }),
    {
      concurrency: options.concurrency,
      batchSize: options.batchSize,
      backoff: new Backoff(seededRng(deriveSeed(options.seed, 4))),
      now: clock,
      onError: (error, items) =>
        reportError(`batch of ${items} failed: ${error.message}`, error.message),
      // Means the model or the clock is wrong (a timestamp outside the server's window, say).
      onInvalid: (result) => reportError(`invalid update: ${JSON.stringify(result)}`),
    },
  );

  let ticks = 0;
  let ticksSkipped = 0;
  let generated = 0;
  let running = true;
  const intervalMs = options.intervalSeconds * 1000;
  let nextDue = startedAt;
  let tickTimer: NodeJS.Timeout | undefined;
  let progressTimer: NodeJS.Timeout | undefined;
  let durationTimer: NodeJS.Timeout | undefined;

  const round = (): void => {
    if (!running) return;
    const now = clock();
    const updates = model.tick(now);
    ticks += 1;
    generated += updates.length;
    sender.offer(updates);
    nextDue += intervalMs;
    if (nextDue <= now) {
      const missed = Math.floor((now - nextDue) / intervalMs) + 1;
      ticksSkipped += missed;
      nextDue += missed * intervalMs;
    }
    tickTimer = setTimeout(round, Math.max(0, nextDue - clock()));
  };

  const stats = (): SimulatorStats => {
    const uptimeSeconds = Math.max(0.001, (clock() - startedAt) / 1000);
    return {
      ...sender.counters,
      running,
      uptimeSeconds: Math.round(uptimeSeconds * 10) / 10,
      rooms: studio.rooms.length,
      roomsLive: model.liveCount(),
      ticks,
      ticksSkipped,
      generated,
      updatesPerSecond: Math.round((sender.counters.sent / uptimeSeconds) * 10) / 10,
      backlog: sender.backlog,
      inFlight: sender.requestsInFlight,
      reSignIns: telemetry.reSignIns,
      latencyMs: summarizeLatency(sender.latencySamples()),
      lastError,
    };
  };

  let previous = stats();
  let previousAt = startedAt;
  const progress = (): void => {
    const current = stats();
    const seconds = Math.max(0.001, (clock() - previousAt) / 1000);
    const rate = (current.sent - previous.sent) / seconds;
    const errors = current.failedRequests - previous.failedRequests;
    const reSignIns = current.reSignIns - previous.reSignIns;
    const latency = current.latencyMs
      ? ` · p50 ${current.latencyMs.p50} ms p99 ${current.latencyMs.p99} ms`
      : '';
    log(
      `${current.roomsLive}/${current.rooms} rooms live · ${rate.toFixed(1)} updates/s ` +
        `(${current.accepted - previous.accepted} accepted, ${current.stale - previous.stale} stale, ` +
        `${current.invalid - previous.invalid} invalid)${latency} · backlog ${current.backlog} · ` +
        `${errors} errors` +
        (errors > 0 && current.lastError ? ` (last: ${current.lastError})` : '') +
        (reSignIns > 0 ? ` · signed in again after a 401` : ''),
    );
    previous = current;
    previousAt = clock();
  };

  let resolveFinished!: (stats: SimulatorStats) => void;
  const finished = new Promise<SimulatorStats>((resolve) => (resolveFinished = resolve));
  let stopping: Promise<SimulatorStats> | null = null;
  const stop = (drainMs = 5000): Promise<SimulatorStats> => {
    stopping ??= (async () => {
      running = false;
      clearTimeout(tickTimer);
      clearInterval(progressTimer);
      clearTimeout(durationTimer);
      let drainTimer: NodeJS.Timeout | undefined;
      await Promise.race([
        sender.idle(),
        new Promise<void>((resolve) => (drainTimer = setTimeout(resolve, drainMs))),
      ]);
      clearTimeout(drainTimer);
      sender.close();
      abort.abort(new Error('simulator stopped'));
      await sender.idle();
      const final = stats();
      log(
        `stopped after ${final.uptimeSeconds} s: ${final.sent} updates sent (${final.updatesPerSecond}/s), ` +
          `${final.accepted} accepted, ${final.stale} stale, ${final.invalid} invalid, ` +
          `${final.superseded} superseded, ${final.dropped} dropped, ${final.failedRequests} failed requests`,
      );
      resolveFinished(final);
      return final;
    })();
    return stopping;
  };

  log(
    `simulating ${studio.rooms.length} rooms in ${studio.squads.length} squads, a round every ` +
      `${options.intervalSeconds} s, batches of ≤${options.batchSize}, ${options.concurrency} in flight` +
      (options.churn ? '' : ', no churn') +
      ` (seed ${options.seed})`,
  );
  round();
  if (options.logEverySeconds > 0)
    progressTimer = setInterval(progress, options.logEverySeconds * 1000);
  if (options.durationSeconds !== null) {
    durationTimer = setTimeout(() => void stop(), options.durationSeconds * 1000);
  }

  return {
    rooms: studio.rooms,
    squads: studio.squads,
    telemetryUser: telemetry.username,
    stats,
    view: () => model.view(),
    stop,
    finished,
  };
}
