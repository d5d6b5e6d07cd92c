import { ROLES, type Role } from '@roompulse/contracts';
import type { RedisConnection } from '../storage/redis-connection';
import { StoreUnavailableError } from '../storage/store-unavailable.error';
import type { UserRecord, UserStore } from './user.store';

/** One hash per account (`user:{username}`) plus a set of names for listing. */
export class RedisUserStore implements UserStore {
  private readonly namesKey: string;

  constructor(private readonly redis: RedisConnection) {
    this.namesKey = `${redis.keyPrefix}users`;
  }

  private key(username: string): string {
    return `${this.redis.keyPrefix}user:${username}`;
  }

  async get(username: string): Promise<UserRecord | null> {
    return this.guard(async () => decode(await this.redis.client.hGetAll(this.key(username))));
  }

  async put(user: UserRecord): Promise<void> {
    await this.guard(() =>
      this.redis.client
        .multi()
        .hSet(this.key(user.username), encode(user))
        .sAdd(this.namesKey, user.username)
        .exec(),
    );
  }

  async create(user: UserRecord): Promise<boolean> {
    return this.guard(async () => {
      // HSETNX on the username field claims the name atomically; the rest follows once it is ours.
      const claimed = await this.redis.client.hSetNX(
        this.key(user.username),
        'username',
        user.username,
      );
      if (!claimed) return false;
      await this.put(user);
      return true;
    });
  }

  async delete(username: string): Promise<boolean> {
    return this.guard(async () => {
      const [deleted] = (await this.redis.client
        .multi()
        .del(this.key(username))
        .sRem(this.namesKey, username)
        .exec()) as unknown as [number, number];
      return deleted > 0;
    });
  }

  async list(): Promise<UserRecord[]> {
    return this.guard(async () => {
      const names = await this.redis.client.sMembers(this.namesKey);
      if (names.length === 0) return [];
      const pipeline = this.redis.client.multi();
      for (const name of names) pipeline.hGetAll(this.key(name));
      const hashes = (await pipeline.execAsPipeline()) as unknown as Record<string, string>[];
      return hashes.map(decode).filter((u): u is UserRecord => u !== null);
    });
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

function encode(user: UserRecord): Record<string, string> {
  return {
    username: user.username,
    role: user.role,
    password_hash: user.passwordHash,
    created_at: String(user.createdAt),
  };
}

function decode(hash: Record<string, string>): UserRecord | null {
  if (
    !hash['username'] ||
    !hash['password_hash'] ||
    !(ROLES as readonly string[]).includes(hash['role'])
  )
    return null;
  return {
    username: hash['username'],
    role: hash['role'] as Role,
    passwordHash: hash['password_hash'],
    createdAt: Number(hash['created_at']),
  };
}
