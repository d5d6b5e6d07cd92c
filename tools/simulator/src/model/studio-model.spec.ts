import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  DEFAULT_TELEMETRY_TTL_SECONDS,
  PLATFORMS,
  ROOM_ID_PATTERN,
  TelemetryUpdate,
  timestampWindowError,
  type TelemetryUpdateData,
} from '@roompulse/contracts';
import { buildDemoStudio } from './demo-studio';
import { seededRng } from './rng';
import { StudioModel, type StudioModelOptions } from './studio-model';
import { MENU_AMOUNTS, TIP_AMOUNTS } from './tips';

const START = Date.UTC(2026, 0, 15, 18, 0, 0);
const STEP_MS = 5000;

interface Recorded {
  nowMs: number;
  update: TelemetryUpdateData;
  /** The room's session when the update was produced. */
  session: number;
  live: boolean;
}

/** Runs a model for `hours` of simulated time at 5 s rounds; records every update. */
function run(rooms: number, hours: number, options: Partial<StudioModelOptions> = {}, seed = 42) {
  const studio = buildDemoStudio({ rooms, squads: 3, prefix: 'sim', rng: seededRng(seed) });
  const model = new StudioModel(studio.rooms, seededRng(seed + 1), START, {
    churn: true,
    sessionMinutes: 45,
    breakMinutes: 15,
    ...options,
  });
  const recorded: Recorded[] = [];
  const liveCounts: number[] = [];
  for (let nowMs = START; nowMs <= START + hours * 3_600_000; nowMs += STEP_MS) {
    const updates = model.tick(nowMs);
    const view = new Map(model.view().map((room) => [room.room_id, room]));
    for (const update of updates) {
      const room = view.get(update.room_id);
      if (!room) throw new Error(`update for unknown room ${update.room_id}`);
      recorded.push({ nowMs, update, session: room.session, live: room.live });
    }
    liveCounts.push(model.liveCount());
  }
  return { studio, model, recorded, liveCounts };
}

function byRoom(recorded: Recorded[]): Map<string, Recorded[]> {
  const rooms = new Map<string, Recorded[]>();
  for (const entry of recorded) {
    const list = rooms.get(entry.update.room_id) ?? [];
    list.push(entry);
    rooms.set(entry.update.room_id, list);
  }
  return rooms;
}

describe(StudioModel.name, () => {
  let sixHours: ReturnType<typeof run>;
  beforeAll(() => {
    sixHours = run(60, 6);
  });

  it('produces the same updates for the same seed and clock, and different ones for another seed', () => {
    const updates = (seed: number) =>
      JSON.stringify(run(20, 2, {}, seed).recorded.map((r) => r.update));
    const first = updates(42);
    expect(first.length).toBeGreaterThan(100_000);
    expect(updates(42)).toBe(first);
    expect(updates(7)).not.toBe(first);
  });

  it('never lowers tokens or tips within a session, and starts each new session from zero', () => {
    let pairs = 0;
    let newSessions = 0;
    const violations: string[] = [];
    for (const [roomId, entries] of byRoom(sixHours.recorded)) {
      for (let i = 1; i < entries.length; i++) {
        const [before, after] = [entries[i - 1].update, entries[i].update];
        const at = `${roomId} at ${entries[i].nowMs}`;
        if (entries[i].session === entries[i - 1].session) {
          pairs += 1;
          if (after.tokens_count < before.tokens_count)
            violations.push(`${at}: tokens ${before.tokens_count} → ${after.tokens_count}`);
          if (after.tips_count < before.tips_count)
            violations.push(`${at}: tips ${before.tips_count} → ${after.tips_count}`);
        } else {
          newSessions += 1;
          if (entries[i].session !== entries[i - 1].session + 1)
            violations.push(`${at}: session skipped`);
          if (after.tokens_count !== 0 || after.tips_count !== 0)
            violations.push(`${at}: new session not from 0`);
        }
        // Every tip is worth at least one token.
        if (after.tokens_count < after.tips_count)
          violations.push(`${at}: ${after.tips_count} tips, ${after.tokens_count} tokens`);
      }
    }
    expect(violations).toEqual([]);
    expect(pairs).toBeGreaterThan(100_000);
    expect(newSessions).toBeGreaterThan(60);
  });

  it('keeps viewers whole numbers, never below 0', () => {
    const viewers = sixHours.recorded.map((r) => r.update.viewers_count);
    expect(viewers.filter((v) => !Number.isInteger(v) || v < 0)).toEqual([]);
    expect(viewers.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThan(100);
  });

  it('sends only updates the contract accepts: class-validator rules and the timestamp window', () => {
    const sample = sixHours.recorded.filter((_, i) => i % 50 === 0);
    expect(sample.length).toBeGreaterThan(3000);
    const problems: string[] = [];
    for (const { update, nowMs } of sample) {
      const errors = validateSync(plainToInstance(TelemetryUpdate, update), {
        whitelist: true,
        forbidNonWhitelisted: true,
      });
      problems.push(...errors.map((e) => e.toString()));
      if (!ROOM_ID_PATTERN.test(update.room_id)) problems.push(`room_id ${update.room_id}`);
      if (!PLATFORMS.includes(update.platform)) problems.push(`platform ${update.platform}`);
      const window = timestampWindowError(
        update.timestamp,
        Math.floor(nowMs / 1000),
        DEFAULT_TELEMETRY_TTL_SECONDS,
      );
      if (window) problems.push(window);
      // Unix seconds, not ms.
      if (update.timestamp !== Math.floor(nowMs / 1000))
        problems.push(`timestamp ${update.timestamp} at ${nowMs}`);
    }
    expect(problems).toEqual([]);
  });

  it('takes rooms offline with one last 0-viewer update, sends nothing while offline, and brings them back', () => {
    const rooms = byRoom(sixHours.recorded);
    let wentOffline = 0;
    let cameBack = 0;
    const problems: string[] = [];
    for (const entries of rooms.values()) {
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        if (entry.live) continue;
        // The farewell update: 0 viewers, the session's final counters.
        wentOffline += 1;
        if (entry.update.viewers_count !== 0)
          problems.push(`${entry.update.room_id}: farewell with viewers`);
        const next = entries[i + 1];
        if (next) {
          // Silent for at least the shortest pause (1 min), then a new session.
          if (next.nowMs - entry.nowMs < 60_000)
            problems.push(`${entry.update.room_id}: back after ${next.nowMs - entry.nowMs} ms`);
          if (next.session !== entry.session + 1)
            problems.push(`${entry.update.room_id}: came back in session ${next.session}`);
          cameBack += 1;
        }
      }
    }
    expect(problems).toEqual([]);
    expect(wentOffline).toBeGreaterThan(100);
    expect(cameBack).toBeGreaterThan(80);
    const roomsThatChurned = [...rooms.values()].filter((entries) =>
      entries.some((e) => !e.live),
    ).length;
    expect(roomsThatChurned).toBeGreaterThanOrEqual(55);
    // About 45/(45+15) = 75% of rooms live at any time.
    const meanLive = sixHours.liveCounts.reduce((a, b) => a + b, 0) / sixHours.liveCounts.length;
    expect(meanLive / 60).toBeGreaterThan(0.6);
    expect(meanLive / 60).toBeLessThan(0.9);
  });

  it('keeps every room live and sending every round without churn', () => {
    const steady = run(30, 2, { churn: false });
    expect(steady.liveCounts.every((n) => n === 30)).toBe(true);
    expect(steady.recorded.every((r) => r.live && r.session === 1)).toBe(true);
    expect(steady.recorded.length).toBe(30 * steady.liveCounts.length);
  });

  it('lets tips arrive in bursts of plausible sizes', () => {
    const amounts = new Set([...TIP_AMOUNTS, ...MENU_AMOUNTS].map(([amount]) => amount));
    const tipsPerRound: number[] = [];
    const implausible: string[] = [];
    let singleTipRounds = 0;
    for (const entries of byRoom(sixHours.recorded).values()) {
      for (let i = 1; i < entries.length; i++) {
        const [before, after] = [entries[i - 1], entries[i]];
        if (after.session !== before.session || !after.live) continue;
        const tips = after.update.tips_count - before.update.tips_count;
        const tokens = after.update.tokens_count - before.update.tokens_count;
        tipsPerRound.push(tips);
        if (tips === 1) {
          singleTipRounds += 1;
          if (!amounts.has(tokens)) implausible.push(`one tip of ${tokens}`);
        }
        if (tips === 0 && tokens !== 0) implausible.push(`${tokens} tokens without a tip`);
      }
    }
    const mean = tipsPerRound.reduce((a, b) => a + b, 0) / tipsPerRound.length;
    const variance = tipsPerRound.reduce((a, b) => a + (b - mean) ** 2, 0) / tipsPerRound.length;
    // Poisson arrivals would give variance ≈ mean; tip trains make rounds far more uneven.
    expect(variance / mean).toBeGreaterThan(2);
    expect(implausible).toEqual([]);
    expect(tipsPerRound.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThanOrEqual(8);
    expect(singleTipRounds).toBeGreaterThan(100);
    const last = sixHours.recorded.filter((r) => r.live);
    const totalTokens = last.reduce((n, r) => n + r.update.tokens_count, 0);
    const totalTips = last.reduce((n, r) => n + r.update.tips_count, 0);
    expect(totalTokens / totalTips).toBeGreaterThan(20);
    expect(totalTokens / totalTips).toBeLessThan(100);
  });

  it('lets viewers drift gradually instead of jumping', () => {
    let rounds = 0;
    let changed = 0;
    let jumps = 0;
    for (const entries of byRoom(sixHours.recorded).values()) {
      for (let i = 1; i < entries.length; i++) {
        const [before, after] = [entries[i - 1], entries[i]];
        if (after.session !== before.session || !after.live || !before.live) continue;
        const delta = Math.abs(after.update.viewers_count - before.update.viewers_count);
        rounds += 1;
        if (delta > 0) changed += 1;
        if (delta > Math.max(20, before.update.viewers_count * 0.25)) jumps += 1;
      }
    }
    expect(changed / rounds).toBeGreaterThan(0.5);
    expect(jumps / rounds).toBeLessThan(0.01);
  });

  it('never sends a timestamp older than one it sent before, even when the clock goes back', () => {
    const studio = buildDemoStudio({ rooms: 5, squads: 1, prefix: 'sim', rng: seededRng(1) });
    const model = new StudioModel(studio.rooms, seededRng(2), START, {
      churn: false,
      sessionMinutes: 45,
      breakMinutes: 15,
    });
    const first = model.tick(START + 10_000);
    const rewound = model.tick(START + 2_000);
    expect(rewound.map((u) => u.timestamp)).toEqual(first.map((u) => u.timestamp));
    expect(rewound.every((u, i) => u.tokens_count >= first[i].tokens_count)).toBe(true);
  });
});
