import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FieldError, Roster } from '@roompulse/contracts';
import { validationFailed } from '../common/http/validation-failed';
import { ROSTER_STORE, type RosterStore } from './roster.store';

@Injectable()
export class RosterService {
  private readonly logger = new Logger('Roster');

  constructor(@Inject(ROSTER_STORE) private readonly store: RosterStore) {}

  get(): Promise<Roster> {
    return this.store.get();
  }

  async replace(roster: Roster): Promise<Roster> {
    const errors = crossChecks(roster);
    if (errors.length > 0) throw validationFailed(errors);
    const plain: Roster = {
      squads: roster.squads.map(({ id, name, rooms }) => ({
        id,
        name,
        rooms: rooms.map(({ room_id, platform, display_name, daily_goal_tokens }) => ({
          room_id,
          platform,
          display_name,
          daily_goal_tokens,
        })),
      })),
    };
    await this.store.put(plain);
    this.logger.log(
      `roster replaced: ${plain.squads.length} squads, ${plain.squads.reduce((n, s) => n + s.rooms.length, 0)} rooms`,
    );
    return plain;
  }
}

/** Rules that span items: unique squad ids, and a room in at most one squad. */
export function crossChecks(roster: Roster): FieldError[] {
  const errors: FieldError[] = [];
  const squadIds = new Set<string>();
  const rooms = new Map<string, string>();
  roster.squads.forEach((squad, s) => {
    if (squadIds.has(squad.id))
      errors.push({ field: `squads.${s}.id`, reason: `duplicate squad id "${squad.id}"` });
    squadIds.add(squad.id);
    squad.rooms.forEach((room, r) => {
      const key = `${room.platform}:${room.room_id}`;
      const owner = rooms.get(key);
      if (owner !== undefined) {
        errors.push({
          field: `squads.${s}.rooms.${r}`,
          reason: `room ${key} is already in squad "${owner}"`,
        });
      } else {
        rooms.set(key, squad.id);
      }
    });
  });
  return errors;
}
