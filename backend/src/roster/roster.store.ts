import type { Roster } from '@roompulse/contracts';
import type { RedisConnection } from '../storage/redis-connection';
import { StoreUnavailableError } from '../storage/store-unavailable.error';

/** The squads and goals, stored whole and without expiry (it changes rarely and is small). */
export interface RosterStore {
  get(): Promise<Roster>;
  put(roster: Roster): Promise<void>;
}

export const ROSTER_STORE = Symbol('ROSTER_STORE');

export class MemoryRosterStore implements RosterStore {
  private roster: Roster = { squads: [] };

  async get(): Promise<Roster> {
    return structuredClone(this.roster);
  }

  async put(roster: Roster): Promise<void> {
    this.roster = structuredClone(roster);
  }
}

export class RedisRosterStore implements RosterStore {
  private readonly key: string;

  constructor(private readonly redis: RedisConnection) {
    this.key = `${redis.keyPrefix}roster`;
  }

  async get(): Promise<Roster> {
    const raw = await this.guard(() => this.redis.client.get(this.key));
    return raw ? (JSON.parse(raw) as Roster) : { squads: [] };
  }

  async put(roster: Roster): Promise<void> {
    await this.guard(() => this.redis.client.set(this.key, JSON.stringify(roster)));
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    if (!this.redis.ready) throw new StoreUnavailableError();
    try {
      return await operation();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }
}
