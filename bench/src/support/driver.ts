import type { TelemetryBatchResponse, TelemetryUpdateData } from '@roompulse/contracts';
import { nowMs } from './clock';
import {
  loadSimulator,
  type SimSenderCounters,
  type SimStudio,
  type SimStudioModel,
  type SimTelemetrySender,
} from './simulator';

export interface DriverOptions {
  rooms: number;
  /** Every room sends one update per interval (the "every 5 s"). */
  intervalMs: number;
  /** The rooms are split into interval/tick groups; one group sends per tick. */
  tickMs: number;
  squads: number;
  prefix: string;
  seed: number;
  /** Delivers one batch (HTTP to the backend, or IPC to a reference server). */
  post: (updates: TelemetryUpdateData[]) => Promise<TelemetryBatchResponse>;
  /** Called with each batch just before it is posted, with the time it was posted. */
  onSent?: (updates: readonly TelemetryUpdateData[], sentAt: number) => void;
}

export interface DriverStats extends SimSenderCounters {
  ticks: number;
  ticksLate: number;
  seconds: number;
  updatesPerSecond: number;
}

/**
 * The studio's load on the API, from the simulator's own parts: its demo studio and room model make
 * the figures, its {@link SimTelemetrySender} posts them in batches (at most 4 in flight, newest
 * figures per room winning when the backend falls behind).
 *
 * Unlike the simulator's CLI, which sends every room in one round per interval, the rooms are
 * spread over the interval: 1,000 rooms every 5 s become 10 rooms every 50 ms, 200 updates/s as an
 * even stream. That is how many extensions on many staff PCs look to the backend; synchronised
 * rounds would measure a burst of 1,000 updates every 5 s instead.
 */
export class StudioDriver {
  readonly studio: SimStudio;
  private readonly groups: SimStudioModel[] = [];
  private readonly sender: SimTelemetrySender;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private ticks = 0;
  private ticksLate = 0;
  private startedAt = 0;
  private lastError: string | null = null;
  private readonly tickMs: number;

  constructor(private readonly options: DriverOptions) {
    const sim = loadSimulator();
    this.studio = sim.buildDemoStudio({
      rooms: options.rooms,
      squads: options.squads,
      prefix: options.prefix,
      rng: sim.seededRng(options.seed),
    });
    const groupCount = Math.max(
      1,
      Math.min(options.rooms, Math.round(options.intervalMs / options.tickMs)),
    );
    // With fewer rooms than ticks per interval, one room per tick and ticks further apart.
    this.tickMs = options.intervalMs / groupCount;
    const profiles = Array.from({ length: groupCount }, () => [] as SimStudio['rooms']);
    this.studio.rooms.forEach((room, i) => profiles[i % groupCount].push(room));
    const start = Date.now();
    for (const [g, rooms] of profiles.entries()) {
      this.groups.push(
        new sim.StudioModel(rooms, sim.seededRng(options.seed * 7919 + g + 1), start, {
          churn: false,
          sessionMinutes: 45,
          breakMinutes: 15,
        }),
      );
    }
    this.sender = new sim.TelemetrySender((updates) => this.send(updates), {
      concurrency: 4,
      batchSize: 500,
      backoff: { next: () => 250, reset: () => undefined },
      onError: (error) => (this.lastError = error.message),
    });
  }

  get error(): string | null {
    return this.lastError;
  }

  /** Posts one update for every room and waits for the answers: the figures dashboards start from. */
  async seedAll(): Promise<number> {
    const now = Date.now();
    const all = this.groups.flatMap((model) => model.tick(now));
    for (let i = 0; i < all.length; i += 500) await this.options.post(all.slice(i, i + 500));
    return all.length;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = nowMs();
    const { tickMs } = this;
    const step = () => {
      if (!this.running) return;
      const due = this.startedAt + this.ticks * tickMs;
      const late = nowMs() - due;
      if (late > tickMs) this.ticksLate += 1;
      const model = this.groups[this.ticks % this.groups.length];
      this.ticks += 1;
      this.sender.offer(model.tick(Date.now()));
      this.timer = setTimeout(step, Math.max(0, this.startedAt + this.ticks * tickMs - nowMs()));
    };
    step();
  }

  /** Stops ticking, lets queued and in-flight batches finish (up to `drainMs`), returns the counts. */
  async stop(drainMs = 10_000): Promise<DriverStats> {
    this.running = false;
    clearTimeout(this.timer);
    let drainTimer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.sender.idle(),
      new Promise<void>((resolve) => (drainTimer = setTimeout(resolve, drainMs))),
    ]);
    clearTimeout(drainTimer);
    this.sender.close();
    const seconds = (nowMs() - this.startedAt) / 1000;
    const counters = { ...this.sender.counters };
    return {
      ...counters,
      ticks: this.ticks,
      ticksLate: this.ticksLate,
      seconds,
      updatesPerSecond: seconds > 0 ? counters.sent / seconds : 0,
    };
  }

  private send(updates: TelemetryUpdateData[]): Promise<TelemetryBatchResponse> {
    this.options.onSent?.(updates, nowMs());
    return this.options.post(updates);
  }
}

/** The identity of one update as a dashboard sees it, to match a receipt with its POST. */
export function updateKey(u: TelemetryUpdateData): string {
  return `${u.platform}:${u.room_id}:${u.timestamp}:${u.tokens_count}:${u.tips_count}:${u.viewers_count}`;
}
