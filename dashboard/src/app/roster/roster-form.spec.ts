import { MAX_COUNT, type Roster } from '@roompulse/contracts';
import {
  createRoomForm,
  createRosterForm,
  createSquadForm,
  fieldError,
  rosterFromForm,
} from './roster-form';

const roster: Roster = {
  squads: [
    {
      id: 'north',
      name: 'North',
      rooms: [
        {
          room_id: 'alice_01',
          platform: 'chaturbate',
          display_name: 'Alice',
          daily_goal_tokens: 5000,
        },
        { room_id: 'bella.x', platform: 'stripchat', display_name: 'Bella', daily_goal_tokens: 0 },
      ],
    },
    {
      id: 'south-2',
      name: 'South',
      rooms: [
        {
          room_id: 'alice_01',
          platform: 'camsoda',
          display_name: 'Alice (CS)',
          daily_goal_tokens: 100,
        },
      ],
    },
  ],
};

describe('roster form', () => {
  it('accepts a valid roster and gives it back unchanged', () => {
    const form = createRosterForm(roster);
    expect(form.valid).toBe(true);
    expect(rosterFromForm(form)).toEqual(roster);
  });

  it('trims text before saving', () => {
    const form = createRosterForm(roster);
    form.at(0).controls.name.setValue('  North  ');
    form.at(0).controls.rooms.at(0).controls.display_name.setValue(' Alice ');
    expect(form.valid).toBe(true);
    expect(rosterFromForm(form).squads[0]).toMatchObject({
      name: 'North',
      rooms: [expect.objectContaining({ display_name: 'Alice' }), expect.anything()],
    });
  });

  it.each([
    ['', 'required'],
    ['has space', 'pattern'],
    ['dots.not.allowed', 'pattern'],
    ['x'.repeat(65), 'pattern'],
  ])('rejects squad id %p (%s)', (id, error) => {
    const squad = createSquadForm({ id, name: 'N', rooms: [] });
    expect(squad.controls.id.hasError(error)).toBe(true);
  });

  it.each([
    ['room_id', '', 'required'],
    ['room_id', 'bad/room', 'pattern'],
    ['room_id', 'a'.repeat(65), 'pattern'],
    ['display_name', '', 'required'],
    ['display_name', '   ', 'blank'],
    ['display_name', 'n'.repeat(101), 'maxlength'],
    ['daily_goal_tokens', null, 'required'],
    ['daily_goal_tokens', -1, 'min'],
    ['daily_goal_tokens', 1.5, 'integer'],
    ['daily_goal_tokens', MAX_COUNT + 1, 'max'],
  ])('rejects room %s = %p (%s)', (field, value, error) => {
    const room = createRoomForm();
    const control = room.get(field);
    control?.setValue(value);
    expect(control?.hasError(error)).toBe(true);
    expect(room.valid).toBe(false);
  });

  it('rejects a platform outside the contracts list', () => {
    const room = createRoomForm({ room_id: 'a', display_name: 'A', daily_goal_tokens: 0 });
    (room.controls.platform as { setValue(value: unknown): void }).setValue('onlyfans');
    expect(room.controls.platform.hasError('platform')).toBe(true);
  });

  it('accepts the bounds of a goal', () => {
    const room = createRoomForm({ room_id: 'a', platform: 'chaturbate', display_name: 'A' });
    room.controls.daily_goal_tokens.setValue(0);
    expect(room.valid).toBe(true);
    room.controls.daily_goal_tokens.setValue(MAX_COUNT);
    expect(room.valid).toBe(true);
  });

  it('flags both squads that share an id, and clears the flag once fixed', () => {
    const form = createRosterForm(roster);
    form.at(1).controls.id.setValue('north');

    expect(form.valid).toBe(false);
    expect(form.hasError('duplicateSquadIds')).toBe(true);
    expect(form.at(0).controls.id.hasError('duplicate')).toBe(true);
    expect(form.at(1).controls.id.hasError('duplicate')).toBe(true);
    expect(fieldError(form.at(0).controls.id)).toBe('Already used.');

    form.at(1).controls.id.setValue('south');
    expect(form.valid).toBe(true);
    expect(form.at(0).controls.id.errors).toBeNull();
  });

  it('flags a room listed in two squads (same platform and id), but not the same id on another platform', () => {
    const form = createRosterForm(roster);
    expect(form.valid).toBe(true); // alice_01 on chaturbate and on camsoda

    form.at(1).controls.rooms.at(0).controls.platform.setValue('chaturbate');

    expect(form.hasError('duplicateRooms')).toBe(true);
    expect(form.at(0).controls.rooms.at(0).controls.room_id.hasError('duplicate')).toBe(true);
    expect(form.at(1).controls.rooms.at(0).controls.room_id.hasError('duplicate')).toBe(true);
  });

  it('re-checks uniqueness when a squad is removed', () => {
    const form = createRosterForm(roster);
    form.push(createSquadForm({ id: 'north', name: 'Copy', rooms: [] }));
    expect(form.valid).toBe(false);

    form.removeAt(2);
    expect(form.valid).toBe(true);
    expect(form.at(0).controls.id.errors).toBeNull();
  });

  it('keeps a field’s own error alongside the duplicate flag', () => {
    const form = createRosterForm(roster);
    const room = form.at(0).controls.rooms.at(0).controls.room_id;
    room.setValue('bad/room');
    expect(room.hasError('pattern')).toBe(true);
    expect(fieldError(room)).toMatch(/only/);
  });
});
