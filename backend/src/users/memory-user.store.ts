import type { UserRecord, UserStore } from './user.store';

export class MemoryUserStore implements UserStore {
  private readonly users = new Map<string, UserRecord>();

  async get(username: string): Promise<UserRecord | null> {
    return this.users.get(username) ?? null;
  }

  async put(user: UserRecord): Promise<void> {
    this.users.set(user.username, { ...user });
  }

  async create(user: UserRecord): Promise<boolean> {
    if (this.users.has(user.username)) return false;
    this.users.set(user.username, { ...user });
    return true;
  }

  async delete(username: string): Promise<boolean> {
    return this.users.delete(username);
  }

  async list(): Promise<UserRecord[]> {
    return [...this.users.values()].map((u) => ({ ...u }));
  }
}
