import {
  FormArray,
  FormControl,
  FormGroup,
  Validators,
  type AbstractControl,
  type ValidationErrors,
  type ValidatorFn,
} from '@angular/forms';
import {
  MAX_COUNT,
  PLATFORMS,
  ROOM_ID_PATTERN,
  SQUAD_ID_PATTERN,
  type Platform,
  type Roster,
  type RosterRoom,
  type Squad,
} from '@roompulse/contracts';

/**
 * The roster editor's form, with the same rules as the server's `PUT /api/roster` validation
 * (patterns and limits from the contracts), so that most mistakes show before saving:
 * squad ids unique and of the squad-id pattern, names 1–100 characters, room ids of the room-id
 * pattern, known platforms, integer goals from 0 to MAX_COUNT, a room in at most one squad.
 */
export type RoomForm = FormGroup<{
  room_id: FormControl<string>;
  platform: FormControl<Platform>;
  display_name: FormControl<string>;
  daily_goal_tokens: FormControl<number | null>;
}>;

export type SquadForm = FormGroup<{
  id: FormControl<string>;
  name: FormControl<string>;
  rooms: FormArray<RoomForm>;
}>;

export type RosterForm = FormArray<SquadForm>;

export const NAME_MAX_LENGTH = 100;

/** A whole number (the goal field is a number input, which can hold 1.5). */
export const integerValidator: ValidatorFn = (control) =>
  control.value === null || control.value === '' || Number.isInteger(control.value)
    ? null
    : { integer: true };

/** One of the platforms the contracts list. */
export const platformValidator: ValidatorFn = (control) =>
  (PLATFORMS as readonly unknown[]).includes(control.value) ? null : { platform: true };

/** Marks every squad whose id another squad already uses (`duplicate` on the id control). */
export const uniqueSquadIdsValidator: ValidatorFn = (
  array: AbstractControl,
): ValidationErrors | null => {
  const squads = (array as RosterForm).controls;
  const seen = new Map<string, number>();
  for (const squad of squads) {
    const id = squad.controls.id.value.trim();
    if (id) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  let duplicates = 0;
  for (const squad of squads) {
    const duplicate = (seen.get(squad.controls.id.value.trim()) ?? 0) > 1;
    if (duplicate) duplicates++;
    setFlag(squad.controls.id, 'duplicate', duplicate);
  }
  return duplicates > 0 ? { duplicateSquadIds: true } : null;
};

/** Marks every room listed more than once across squads (`duplicate` on its room_id control). */
export const uniqueRoomsValidator: ValidatorFn = (
  array: AbstractControl,
): ValidationErrors | null => {
  const rooms = (array as RosterForm).controls.flatMap((squad) => squad.controls.rooms.controls);
  const key = (room: RoomForm) =>
    `${room.controls.platform.value}:${room.controls.room_id.value.trim()}`;
  const seen = new Map<string, number>();
  for (const room of rooms) {
    if (room.controls.room_id.value.trim()) seen.set(key(room), (seen.get(key(room)) ?? 0) + 1);
  }
  let duplicates = 0;
  for (const room of rooms) {
    const duplicate = (seen.get(key(room)) ?? 0) > 1;
    if (duplicate) duplicates++;
    setFlag(room.controls.room_id, 'duplicate', duplicate);
  }
  return duplicates > 0 ? { duplicateRooms: true } : null;
};

export function createRoomForm(room?: Partial<RosterRoom>): RoomForm {
  return new FormGroup({
    room_id: new FormControl(room?.room_id ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(ROOM_ID_PATTERN)],
    }),
    platform: new FormControl<Platform>(room?.platform ?? PLATFORMS[0], {
      nonNullable: true,
      validators: [Validators.required, platformValidator],
    }),
    display_name: new FormControl(room?.display_name ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(NAME_MAX_LENGTH), notBlank],
    }),
    daily_goal_tokens: new FormControl<number | null>(room?.daily_goal_tokens ?? 0, {
      validators: [
        Validators.required,
        Validators.min(0),
        Validators.max(MAX_COUNT),
        integerValidator,
      ],
    }),
  });
}

export function createSquadForm(squad?: Partial<Squad>): SquadForm {
  return new FormGroup({
    id: new FormControl(squad?.id ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(SQUAD_ID_PATTERN)],
    }),
    name: new FormControl(squad?.name ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(NAME_MAX_LENGTH), notBlank],
    }),
    rooms: new FormArray((squad?.rooms ?? []).map((room) => createRoomForm(room))),
  });
}

export function createRosterForm(roster?: Roster): RosterForm {
  return new FormArray(
    (roster?.squads ?? []).map((squad) => createSquadForm(squad)),
    {
      validators: [uniqueSquadIdsValidator, uniqueRoomsValidator],
    },
  );
}

/** The roster to PUT, with text trimmed. Call only on a valid form. */
export function rosterFromForm(form: RosterForm): Roster {
  return {
    squads: form.getRawValue().map((squad) => ({
      id: squad.id.trim(),
      name: squad.name.trim(),
      rooms: squad.rooms.map((room) => ({
        room_id: room.room_id.trim(),
        platform: room.platform,
        display_name: room.display_name.trim(),
        daily_goal_tokens: room.daily_goal_tokens ?? 0,
      })),
    })),
  };
}

/** Message for the first error of a control, for the field's hint. */
export function fieldError(control: AbstractControl): string | null {
  const errors = control.errors;
  if (!errors) return null;
  if (errors['required'] || errors['blank']) return 'Required.';
  if (errors['duplicate']) return 'Already used.';
  if (errors['pattern']) return 'Letters, digits and _ - (room ids also .) only, up to 64.';
  if (errors['maxlength']) return `At most ${NAME_MAX_LENGTH} characters.`;
  if (errors['min']) return 'Must be 0 or more.';
  if (errors['max']) return `At most ${MAX_COUNT.toLocaleString('en-US')}.`;
  if (errors['integer']) return 'Whole tokens only.';
  if (errors['platform']) return 'Unknown platform.';
  return 'Invalid.';
}

function notBlank(control: AbstractControl): ValidationErrors | null {
  return typeof control.value === 'string' &&
    control.value.length > 0 &&
    control.value.trim() === ''
    ? { blank: true }
    : null;
}

/** Adds or removes one error key on a control without touching its other errors. */
function setFlag(control: AbstractControl, key: string, on: boolean): void {
  const errors = { ...(control.errors ?? {}) };
  if (on === key in errors) return;
  if (on) errors[key] = true;
  else delete errors[key];
  control.setErrors(Object.keys(errors).length > 0 ? errors : null);
}
