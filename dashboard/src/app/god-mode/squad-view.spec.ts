import { UNASSIGNED_SQUAD_ID, type Roster } from '@roompulse/contracts';
import { roomKey } from './room-key';
import type { RoomView } from './room-state.store';
import { NO_FILTER, SquadBoard, arrangeSquads, buildSquads } from './squad-view';

function room(
  room_id: string,
  platform: RoomView['platform'],
  tokens: number,
  viewers: number,
  status: RoomView['status'] = 'live',
): RoomView {
  return {
    key: roomKey(platform, room_id),
    room_id,
    platform,
    tokens,
    tips: tokens / 10,
    viewers,
    readAt: 0,
    seenAt: 0,
    inSnapshot: status !== 'offline',
    samples: [],
    status,
    ageMs: 1000,
    tokensPerMinute: 0,
  };
}

const roster: Roster = {
  squads: [
    {
      id: 'north',
      name: 'North',
      rooms: [
        {
          room_id: 'alice',
          platform: 'chaturbate',
          display_name: 'Alice',
          daily_goal_tokens: 1000,
        },
        { room_id: 'bella', platform: 'stripchat', display_name: 'Bella', daily_goal_tokens: 0 },
      ],
    },
    {
      id: 'south',
      name: 'South',
      rooms: [
        { room_id: 'cara', platform: 'camsoda', display_name: 'Cara', daily_goal_tokens: 500 },
      ],
    },
  ],
};

const rooms = [
  room('alice', 'chaturbate', 600, 40),
  room('bella', 'stripchat', 300, 90, 'offline'),
  room('cara', 'camsoda', 800, 20),
  room('dora', 'chaturbate', 100, 200),
];

describe('buildSquads', () => {
  it('puts live figures into roster squads and the rest under Unassigned', () => {
    const squads = buildSquads(roster, rooms);

    expect(squads.map((s) => [s.id, s.rooms.map((r) => r.key)])).toEqual([
      ['north', ['chaturbate:alice', 'stripchat:bella']],
      ['south', ['camsoda:cara']],
      [UNASSIGNED_SQUAD_ID, ['chaturbate:dora']],
    ]);
    expect(squads[2]).toMatchObject({
      name: 'Unassigned',
      rooms: [{ display_name: 'dora', daily_goal_tokens: 0 }],
    });
  });

  it('totals a squad: tokens and tips of all rooms, viewers of rooms not offline, goals of rooms with one', () => {
    const [north] = buildSquads(roster, rooms);
    expect(north).toMatchObject({
      tokens: 900,
      tips: 90,
      viewers: 40,
      goalTokens: 1000,
      goalProgressTokens: 600,
      roomsLive: 1,
    });
  });

  it('lists a roster room without telemetry as offline with no figures', () => {
    const [north] = buildSquads(roster, []);
    expect(north.rooms[0]).toMatchObject({
      tokens: null,
      viewers: null,
      status: 'offline',
      ageMs: null,
    });
    expect(north.tokens).toBe(0);
  });

  it('has no Unassigned squad when every room is in the roster, and only Unassigned without a roster', () => {
    expect(buildSquads(roster, rooms.slice(0, 3)).map((s) => s.id)).toEqual(['north', 'south']);
    expect(buildSquads(null, rooms).map((s) => s.id)).toEqual([UNASSIGNED_SQUAD_ID]);
  });
});

describe('arrangeSquads', () => {
  const squads = buildSquads(roster, rooms);

  it('orders squads and their rooms by tokens, highest first', () => {
    const arranged = arrangeSquads(squads, NO_FILTER, 'tokens');
    expect(arranged.map((s) => [s.id, s.tokens])).toEqual([
      ['north', 900],
      ['south', 800],
      [UNASSIGNED_SQUAD_ID, 100],
    ]);
    expect(arranged[0].rooms.map((r) => r.room_id)).toEqual(['alice', 'bella']);
  });

  it('orders by viewers', () => {
    const arranged = arrangeSquads(squads, NO_FILTER, 'viewers');
    expect(arranged.map((s) => s.id)).toEqual([UNASSIGNED_SQUAD_ID, 'north', 'south']);
    expect(arranged[1].rooms.map((r) => r.room_id)).toEqual(['bella', 'alice']);
  });

  it('filters by text on display name, room id or squad name, case-insensitively', () => {
    expect(
      arrangeSquads(squads, { text: 'ALI', platform: 'all' }, 'tokens').map((s) =>
        s.rooms.map((r) => r.room_id),
      ),
    ).toEqual([['alice']]);
    expect(
      arrangeSquads(squads, { text: 'south', platform: 'all' }, 'tokens').map((s) => s.id),
    ).toEqual(['south']);
    expect(arrangeSquads(squads, { text: 'nobody', platform: 'all' }, 'tokens')).toEqual([]);
  });

  it('filters by platform and totals only the rooms shown', () => {
    const arranged = arrangeSquads(squads, { text: '', platform: 'chaturbate' }, 'tokens');
    expect(arranged.map((s) => [s.id, s.rooms.map((r) => r.room_id), s.tokens])).toEqual([
      ['north', ['alice'], 600],
      [UNASSIGNED_SQUAD_ID, ['dora'], 100],
    ]);
  });

  describe(SquadBoard.name, () => {
    it('hands back the same row and squad objects for rooms that did not change', () => {
      const board = new SquadBoard();
      const first = board.build(roster, rooms);
      const changedCara = room('cara', 'camsoda', 900, 20);
      const second = board.build(roster, [rooms[0], rooms[1], changedCara, rooms[3]]);

      const north = (squads: typeof first) => squads.find((squad) => squad.id === 'north');
      const south = (squads: typeof first) => squads.find((squad) => squad.id === 'south');
      expect(north(second)).toBe(north(first));
      expect(south(second)).not.toBe(south(first));
      expect(south(second)?.tokens).toBe(900);
      expect(south(second)?.rooms[0]).not.toBe(south(first)?.rooms[0]);
    });

    it('rebuilds a row when the roster renames the room or changes its goal', () => {
      const board = new SquadBoard();
      const first = board.build(roster, rooms);
      const renamed: Roster = {
        squads: [
          {
            ...roster.squads[0],
            rooms: [
              { ...roster.squads[0].rooms[0], display_name: 'Alicia' },
              roster.squads[0].rooms[1],
            ],
          },
          roster.squads[1],
        ],
      };
      const second = board.build(renamed, rooms);
      expect(second[0].rooms[0].display_name).toBe('Alicia');
      expect(second[0]).not.toBe(first[0]);
      expect(second[0].rooms[1]).toBe(first[0].rooms[1]);
    });

    it('arranges an unchanged squad into the same object, and a new order or filter afresh', () => {
      const board = new SquadBoard();
      const squads = board.build(roster, rooms);
      const first = board.arrange(squads, NO_FILTER, 'tokens');
      expect(board.arrange(squads, NO_FILTER, 'tokens')[0]).toBe(first[0]);

      const byViewers = board.arrange(squads, NO_FILTER, 'viewers');
      expect(byViewers.map((squad) => squad.id)).toEqual(
        arrangeSquads(squads, NO_FILTER, 'viewers').map((squad) => squad.id),
      );
      const filtered = board.arrange(squads, { text: 'ali', platform: 'all' }, 'viewers');
      expect(filtered.flatMap((squad) => squad.rooms.map((r) => r.room_id))).toEqual(['alice']);
    });
  });
});
