import type { Role } from '@roompulse/contracts';

export interface UserRecord {
  username: string;
  role: Role;
  /** Argon2id hash; never leaves the backend. */
  passwordHash: string;
  createdAt: number;
}

/** Accounts, kept in the same store as telemetry (Redis, or memory), without expiry. */
export interface UserStore {
  get(username: string): Promise<UserRecord | null>;
  /** Creates or replaces the account. */
  put(user: UserRecord): Promise<void>;
  /** Creates the account only if the name is free; false when it is taken. */
  create(user: UserRecord): Promise<boolean>;
  delete(username: string): Promise<boolean>;
  list(): Promise<UserRecord[]>;
}

export const USER_STORE = Symbol('USER_STORE');
