import { MAX_COUNT, type TelemetryUpdateData } from '@roompulse/contracts';
import type { RoomProfile } from './demo-studio';
import { between, chance, exponential, gaussian, poisson, type Rng } from './rng';
import { MEAN_TIP_TOKENS, menuAmount, tipAmount } from './tips';

export interface StudioModelOptions {
  /** Rooms go offline and come back; without churn every room stays live for the whole run. */
  churn: boolean;
  /** Mean length of a live session, in minutes (exponential, at least 5). */
  sessionMinutes: number;
  /** Mean pause between sessions, in minutes (exponential, at least 1). */
  breakMinutes: number;
}

export const DEFAULT_MODEL_OPTIONS: StudioModelOptions = {
  churn: true,
  sessionMinutes: 45,
  breakMinutes: 15,
};

/** What a room looks like from outside; read-only, for logs and tests. */
export interface RoomView {
  room_id: string;
  platform: RoomProfile['platform'];
  live: boolean;
  /** Counts up each time the room goes live; counters start from 0 in every session. */
  session: number;
  tokens: number;
  tips: number;
  viewers: number;
}

interface RoomState extends RoomView {
  readonly profile: RoomProfile;
  sessionStartedMs: number;
  /** When the room next goes live or offline (Infinity without churn). */
  nextChangeMs: number;
  /** Seconds left of the current tip train, and the menu amount it repeats. */
  burstSeconds: number;
  burstAmount: number;
  /** Last timestamp sent, Unix seconds: timestamps never go back even if the clock does. */
  lastTimestamp: number;
}

/** Viewers reach the room's usual audience over this long after it goes live. */
const WARM_UP_SECONDS = 10 * 60;
/** Time constant of the pull of viewers towards their target, in seconds. */
const VIEWER_PULL_SECONDS = 90;
/** Share of a room's tokens that arrive in tip trains rather than as lone tips. */
const BURST_SHARE = 0.45;
/** A tick longer than this (the process was stalled) is simulated as this long. */
const MAX_STEP_SECONDS = 60;

/**
 * The studio's rooms as a pure state machine: `tick(nowMs)` advances every room to `nowMs` and
 * returns the updates the extension would send at that moment. No I/O, no timers, no hidden
 * randomness: the same profiles, RNG and sequence of `nowMs` give the same updates.
 *
 * Per room: offline ⇄ live. A session starts from 0 tokens and 0 tips (what the extension counts
 * on a freshly opened room), and within a session tokens and tips only grow. Viewers drift towards
 * the room's audience (warming up over the first 10 minutes, lifted during tip trains) and never
 * go below 0. Tips arrive as lone tips (Poisson) and in trains: a few dozen seconds in which tips
 * come several per second, often repeating one tip-menu amount.
 *
 * Every live room yields one update per tick. A room that goes offline yields one last update
 * with 0 viewers, then nothing until it is live again; dashboards see it age into stale/offline.
 */
export class StudioModel {
  private readonly rooms: RoomState[];
  private lastTickMs: number;

  constructor(
    profiles: readonly RoomProfile[],
    private readonly rng: Rng,
    startMs: number,
    private readonly options: StudioModelOptions = DEFAULT_MODEL_OPTIONS,
  ) {
    this.lastTickMs = startMs;
    // Open mid-shift: about 70% of rooms live, each part-way into its session, so the first
    // dashboard frame already looks like a working studio.
    this.rooms = profiles.map((profile) => {
      const live = !options.churn || chance(rng, 0.7);
      const room: RoomState = {
        profile,
        room_id: profile.room_id,
        platform: profile.platform,
        live,
        session: live ? 1 : 0,
        tokens: 0,
        tips: 0,
        viewers: 0,
        sessionStartedMs: startMs,
        nextChangeMs: Infinity,
        burstSeconds: 0,
        burstAmount: 0,
        lastTimestamp: 0,
      };
      if (live) {
        const elapsed = between(rng, 0, this.options.sessionMinutes * 60);
        room.sessionStartedMs = startMs - elapsed * 1000;
        room.viewers = Math.round(this.targetViewers(room, startMs));
        const earned =
          ((profile.audience * profile.generosity * elapsed) / 3600) * between(rng, 0.6, 1.2);
        room.tokens = Math.min(MAX_COUNT, Math.round(earned));
        // Tokens came from some tips, each worth at least one token.
        room.tips =
          room.tokens > 0
            ? Math.min(room.tokens, Math.max(1, Math.round(room.tokens / MEAN_TIP_TOKENS)))
            : 0;
      }
      if (options.churn) room.nextChangeMs = startMs + this.stayMs(live);
      return room;
    });
  }

  /** Advances every room to `nowMs` (Unix ms) and returns the updates to send, in room order. */
  tick(nowMs: number): TelemetryUpdateData[] {
    const dt = Math.min(MAX_STEP_SECONDS, Math.max(0, (nowMs - this.lastTickMs) / 1000));
    this.lastTickMs = Math.max(this.lastTickMs, nowMs);
    const timestamp = Math.floor(nowMs / 1000);
    const updates: TelemetryUpdateData[] = [];
    for (const room of this.rooms) {
      if (room.nextChangeMs <= nowMs) {
        if (room.live) {
          room.live = false;
          room.viewers = 0;
          room.burstSeconds = 0;
          updates.push(this.update(room, timestamp));
        } else {
          this.goLive(room, nowMs);
        }
        room.nextChangeMs = nowMs + this.stayMs(room.live);
        if (!room.live) continue;
      } else if (!room.live) {
        continue;
      } else {
        this.advance(room, nowMs, dt);
      }
      updates.push(this.update(room, timestamp));
    }
    return updates;
  }

  liveCount(): number {
    return this.rooms.reduce((n, room) => n + (room.live ? 1 : 0), 0);
  }

  view(): RoomView[] {
    return this.rooms.map(({ room_id, platform, live, session, tokens, tips, viewers }) => ({
      room_id,
      platform,
      live,
      session,
      tokens,
      tips,
      viewers,
    }));
  }

  private goLive(room: RoomState, nowMs: number): void {
    room.live = true;
    room.session += 1;
    room.sessionStartedMs = nowMs;
    room.tokens = 0;
    room.tips = 0;
    room.viewers = Math.max(1, Math.round(room.profile.audience * between(this.rng, 0.05, 0.15)));
    room.burstSeconds = 0;
  }

  private advance(room: RoomState, nowMs: number, dt: number): void {
    const { rng } = this;
    // Viewers: pulled towards the target, plus noise that scales with the audience.
    const target = this.targetViewers(room, nowMs);
    const pull = 1 - Math.exp(-dt / VIEWER_PULL_SECONDS);
    const noise = gaussian(rng) * 0.04 * Math.sqrt(Math.max(target, 1)) * Math.sqrt(dt);
    room.viewers = Math.min(
      MAX_COUNT,
      Math.max(0, Math.round(room.viewers + (target - room.viewers) * pull + noise)),
    );

    // Tokens per second this room earns on average, split into lone tips and tip trains.
    const tokensPerSecond = (room.viewers * room.profile.generosity) / 3600;
    let count = poisson(rng, ((1 - BURST_SHARE) * tokensPerSecond * dt) / MEAN_TIP_TOKENS);
    let tokens = 0;
    for (let i = 0; i < count; i++) tokens += tipAmount(rng);

    if (room.burstSeconds <= 0) {
      // A train of ~25 s at ~1.5 tips/s carries ~38 tips; start trains often enough to deliver
      // BURST_SHARE of the earnings (never more than one per tick).
      const trainsPerSecond = (BURST_SHARE * tokensPerSecond) / (38 * MEAN_TIP_TOKENS);
      if (chance(rng, 1 - Math.exp(-trainsPerSecond * dt))) {
        room.burstSeconds = between(rng, 10, 40);
        room.burstAmount = menuAmount(rng);
      }
    }
    if (room.burstSeconds > 0) {
      const seconds = Math.min(dt, room.burstSeconds);
      room.burstSeconds -= seconds;
      const trainTips = poisson(rng, 1.5 * seconds);
      for (let i = 0; i < trainTips; i++)
        tokens += chance(rng, 0.6) ? room.burstAmount : tipAmount(rng);
      count += trainTips;
    }
    room.tips = Math.min(MAX_COUNT, room.tips + count);
    room.tokens = Math.min(MAX_COUNT, room.tokens + tokens);
  }

  /** Audience, warmed up over the session's first minutes and lifted by 15% during a tip train. */
  private targetViewers(room: RoomState, nowMs: number): number {
    const secondsLive = Math.max(0, nowMs - room.sessionStartedMs) / 1000;
    const warmUp = Math.min(1, 0.2 + (0.8 * secondsLive) / WARM_UP_SECONDS);
    return room.profile.audience * warmUp * (room.burstSeconds > 0 ? 1.15 : 1);
  }

  /** How long a room stays in its new state, in ms. */
  private stayMs(live: boolean): number {
    const minutes = live
      ? Math.max(5, exponential(this.rng, this.options.sessionMinutes))
      : Math.max(1, exponential(this.rng, this.options.breakMinutes));
    return minutes * 60_000;
  }

  private update(room: RoomState, timestamp: number): TelemetryUpdateData {
    room.lastTimestamp = Math.max(room.lastTimestamp, timestamp);
    return {
      room_id: room.room_id,
      platform: room.platform,
      tokens_count: room.tokens,
      tips_count: room.tips,
      viewers_count: room.viewers,
      timestamp: room.lastTimestamp,
    };
  }
}
