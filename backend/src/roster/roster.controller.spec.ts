import request from 'supertest';
import { STORE_KINDS, startTestApp, type TestApp } from '../testing/test-app';

const roster = {
  squads: [
    {
      id: 'north',
      name: 'North squad',
      rooms: [
        {
          room_id: 'alice',
          platform: 'chaturbate',
          display_name: 'Alice',
          daily_goal_tokens: 5000,
        },
        { room_id: 'bea', platform: 'stripchat', display_name: 'Bea', daily_goal_tokens: 0 },
      ],
    },
    { id: 'south', name: 'South squad', rooms: [] },
  ],
};

describe.each(STORE_KINDS)('RosterController over HTTP (%s store)', (store) => {
  let t: TestApp;
  const as = (role: 'admin' | 'viewer' | 'ingest') => ({
    authorization: `Bearer ${t.tokens[role]}`,
  });

  beforeAll(async () => {
    t = await startTestApp({ store });
  });
  afterAll(() => t.close());

  it('starts empty, then returns what an admin stored', async () => {
    expect((await request(t.url).get('/api/roster').set(as('viewer'))).body).toEqual({
      squads: [],
    });
    const put = await request(t.url).put('/api/roster').set(as('admin')).send(roster);
    expect(put.status).toBe(200);
    expect(put.body).toEqual(roster);
    expect((await request(t.url).get('/api/roster').set(as('viewer'))).body).toEqual(roster);
  });

  it.each([
    [
      'a duplicate squad id',
      { squads: [roster.squads[0], { ...roster.squads[1], id: 'north' }] },
      'squads.1.id',
    ],
    [
      'a room in two squads',
      { squads: [roster.squads[0], { ...roster.squads[1], rooms: [roster.squads[0].rooms[0]] }] },
      'squads.1.rooms.0',
    ],
    [
      'an unknown platform',
      {
        squads: [{ ...roster.squads[1], rooms: [{ ...roster.squads[0].rooms[0], platform: 'x' }] }],
      },
      'squads.0.rooms.0.platform',
    ],
    [
      'a negative goal',
      {
        squads: [
          { ...roster.squads[1], rooms: [{ ...roster.squads[0].rooms[0], daily_goal_tokens: -1 }] },
        ],
      },
      'squads.0.rooms.0.daily_goal_tokens',
    ],
  ])('refuses %s naming the field and keeps the old roster', async (_case, body, field) => {
    await request(t.url).put('/api/roster').set(as('admin')).send(roster).expect(200);
    const response = await request(t.url).put('/api/roster').set(as('admin')).send(body);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await request(t.url).get('/api/roster').set(as('viewer'))).body).toEqual(roster);
  });

  it('lets only admins replace it', async () => {
    expect((await request(t.url).put('/api/roster').set(as('viewer')).send(roster)).status).toBe(
      403,
    );
    expect((await request(t.url).put('/api/roster').set(as('ingest')).send(roster)).status).toBe(
      403,
    );
  });
});
