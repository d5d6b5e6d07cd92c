import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ROOM_ID_PATTERN, Roster, SQUAD_ID_PATTERN, type Squad } from '@roompulse/contracts';
import { buildDemoStudio, MAX_ROOMS_PER_SQUAD, mergeRoster } from './demo-studio';
import { seededRng } from './rng';

function rosterErrors(roster: Roster): string[] {
  return validateSync(plainToInstance(Roster, roster), {
    whitelist: true,
    forbidNonWhitelisted: true,
  }).map((e) => e.toString());
}

describe('buildDemoStudio', () => {
  it('builds a roster the contract accepts: valid ids, unique rooms, daily goals', () => {
    const studio = buildDemoStudio({ rooms: 40, squads: 5, prefix: 'sim', rng: seededRng(1) });
    expect(studio.squads.map((s) => s.name)).toEqual([
      'Aurora',
      'Borealis',
      'Cobalt',
      'Dahlia',
      'Ember',
    ]);
    expect(studio.squads.map((s) => s.rooms.length)).toEqual([8, 8, 8, 8, 8]);
    expect(rosterErrors({ squads: studio.squads })).toEqual([]);
    const ids = studio.rooms.map((r) => `${r.platform}:${r.room_id}`);
    expect(new Set(ids).size).toBe(40);
    for (const room of studio.rooms) {
      expect(room.room_id).toMatch(ROOM_ID_PATTERN);
      expect(room.room_id.startsWith('sim-')).toBe(true);
      expect(room.daily_goal_tokens % 500).toBe(0);
      expect(room.daily_goal_tokens).toBeGreaterThanOrEqual(1000);
      expect(room.audience).toBeGreaterThanOrEqual(5);
    }
    for (const squad of studio.squads) expect(squad.id).toMatch(SQUAD_ID_PATTERN);
    // Heavy tail: most rooms are small, a few are big.
    const audiences = studio.rooms.map((r) => r.audience).sort((a, b) => a - b);
    expect(audiences[20]).toBeLessThan(400);
    expect(audiences[39]).toBeGreaterThan(audiences[20] * 2);
  });

  it('is the same studio for the same seed, so a rerun updates the same rooms', () => {
    const a = buildDemoStudio({ rooms: 100, squads: 4, prefix: 'sim', rng: seededRng(9) });
    const b = buildDemoStudio({ rooms: 100, squads: 4, prefix: 'sim', rng: seededRng(9) });
    expect(b).toEqual(a);
  });

  it('scales to thousands of rooms with unique ids, and leaves rooms unassigned once every squad is full', () => {
    const studio = buildDemoStudio({
      rooms: 2500,
      squads: 2,
      prefix: 'bench-7',
      rng: seededRng(3),
    });
    expect(new Set(studio.rooms.map((r) => r.room_id)).size).toBe(2500);
    expect(studio.squads.map((s) => s.rooms.length)).toEqual([
      MAX_ROOMS_PER_SQUAD,
      MAX_ROOMS_PER_SQUAD,
    ]);
    expect(studio.rooms.filter((r) => r.squad_id === null)).toHaveLength(500);
    expect(rosterErrors({ squads: studio.squads })).toEqual([]);
    expect(studio.rooms.every((r) => ROOM_ID_PATTERN.test(r.room_id))).toBe(true);
  });

  it('gives each platform a share of the rooms', () => {
    const studio = buildDemoStudio({ rooms: 1000, squads: 1, prefix: 'sim', rng: seededRng(5) });
    const count = (platform: string) => studio.rooms.filter((r) => r.platform === platform).length;
    expect(count('chaturbate')).toBeGreaterThan(400);
    expect(count('stripchat')).toBeGreaterThan(250);
    expect(count('camsoda')).toBeGreaterThan(80);
  });
});

describe('mergeRoster', () => {
  const ours: Squad[] = [
    {
      id: 'sim-aurora',
      name: 'Aurora',
      rooms: [
        {
          room_id: 'sim-luna_sky',
          platform: 'chaturbate',
          display_name: 'Luna Sky',
          daily_goal_tokens: 2000,
        },
      ],
    },
  ];

  it("replaces the simulator's squads, keeps everybody else's and takes its rooms out of them", () => {
    const current: Roster = {
      squads: [
        { id: 'sim-old', name: 'Old', rooms: [] },
        {
          id: 'night-shift',
          name: 'Night shift',
          rooms: [
            {
              room_id: 'alice',
              platform: 'stripchat',
              display_name: 'Alice',
              daily_goal_tokens: 5000,
            },
            {
              room_id: 'sim-luna_sky',
              platform: 'chaturbate',
              display_name: 'Luna',
              daily_goal_tokens: 0,
            },
          ],
        },
      ],
    };
    const merged = mergeRoster(current, ours, 'sim');
    expect(merged.squads.map((s) => s.id)).toEqual(['night-shift', 'sim-aurora']);
    expect(merged.squads[0].rooms.map((r) => r.room_id)).toEqual(['alice']);
    expect(rosterErrors(merged)).toEqual([]);
  });

  it('leaves an empty roster with only the demo squads', () => {
    expect(mergeRoster({ squads: [] }, ours, 'sim')).toEqual({ squads: ours });
  });
});
