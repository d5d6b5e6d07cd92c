import { PLATFORMS } from '@roompulse/contracts';
import { ALL_ROOM, filterMatcher, filterRooms, parseFilter, updateRooms } from './subscription';

const ROOM_ERROR =
  'rooms[0] must be a room id (1-64 characters of A-Z, a-z, 0-9, _ . -) or platform:room_id';

describe('subscription filters', () => {
  it('puts a socket without a filter in the `all` room only', () => {
    expect(filterRooms({})).toEqual([ALL_ROOM]);
    expect(filterRooms({ platforms: [], rooms: [] })).toEqual([ALL_ROOM]);
  });

  it('maps platforms to platform rooms, and rooms to one room per allowed platform', () => {
    expect(filterRooms({ platforms: ['stripchat', 'camsoda'] })).toEqual([
      'platform:stripchat',
      'platform:camsoda',
    ]);
    expect(filterRooms({ rooms: ['alice'] })).toEqual(PLATFORMS.map((p) => `room:${p}:alice`));
    expect(filterRooms({ platforms: ['camsoda'], rooms: ['alice', 'camsoda:bob'] })).toEqual([
      'room:camsoda:alice',
      'room:camsoda:bob',
    ]);
  });

  it('emits every update to its `all`, platform and room rooms', () => {
    expect(updateRooms({ platform: 'chaturbate', room_id: 'alice' })).toEqual([
      'all',
      'platform:chaturbate',
      'room:chaturbate:alice',
    ]);
  });

  it('matches an update through at most one room of a socket, so nobody gets it twice', () => {
    const filters = [
      {},
      { platforms: PLATFORMS.slice() },
      { rooms: ['alice', 'chaturbate:alice'] },
      { platforms: ['chaturbate' as const], rooms: ['alice'] },
    ];
    for (const filter of filters) {
      const joined = new Set(filterRooms(filter));
      const hits = updateRooms({ platform: 'chaturbate', room_id: 'alice' }).filter((room) =>
        joined.has(room),
      );
      expect(hits).toHaveLength(1);
    }
  });

  it('agrees with the socket.io routing when filtering a snapshot', () => {
    const matches = filterMatcher({
      platforms: ['chaturbate', 'stripchat'],
      rooms: ['alice', 'stripchat:bob'],
    });
    expect(matches({ platform: 'chaturbate', room_id: 'alice' })).toBe(true);
    expect(matches({ platform: 'stripchat', room_id: 'alice' })).toBe(true);
    expect(matches({ platform: 'camsoda', room_id: 'alice' })).toBe(false);
    expect(matches({ platform: 'stripchat', room_id: 'bob' })).toBe(true);
    expect(matches({ platform: 'chaturbate', room_id: 'bob' })).toBe(false);
  });

  it('parses a filter into its effective form', () => {
    expect(parseFilter({})).toEqual({ ok: true, filter: {} });
    expect(
      parseFilter({
        platforms: ['camsoda', 'chaturbate', 'camsoda'],
        rooms: ['a.b_c-1', 'camsoda:x', 'a.b_c-1'],
      }),
    ).toEqual({
      ok: true,
      filter: { platforms: ['chaturbate', 'camsoda'], rooms: ['a.b_c-1', 'camsoda:x'] },
    });
  });

  it.each([
    [
      'no payload',
      undefined,
      'subscribe expects an object { platforms?: string[], rooms?: string[] }',
    ],
    ['a platform prefix without a room id', { rooms: ['chaturbate:'] }, ROOM_ERROR],
    ['a room id with a colon', { rooms: ['chaturbate:a:b'] }, ROOM_ERROR],
    ['a room id of 65 characters', { rooms: ['x'.repeat(65)] }, ROOM_ERROR],
    ['platforms: null', { platforms: null }, 'platforms must be an array'],
  ])('refuses %s', (_case, payload, error) => {
    expect(parseFilter(payload)).toEqual({ ok: false, error });
  });
});
