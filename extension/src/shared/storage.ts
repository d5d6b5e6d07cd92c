import type { TelemetryUpdateData, UserView } from '@roompulse/contracts';

/**
 * The one place that touches `chrome.storage`. Keys carry a schema version: a change of stored
 * shape gets a new key (`…v2…`) instead of reinterpreting old data, so an update of the extension
 * never misreads what an older version wrote.
 */
export const STORAGE_KEYS = {
  /** local: user settings. */
  settings: 'roompulse.v1.settings',
  /** local: the access token and who it belongs to (never the password). */
  auth: 'roompulse.v1.auth',
  /** local: undelivered updates and the retry state; survives service worker restarts. */
  outbox: 'roompulse.v1.outbox',
  /** session: per-tab room overrides, forgotten when the browser closes. */
  roomOverrides: 'roompulse.v1.room-overrides',
} as const;

export interface Settings {
  /** Base URL of the backend without a trailing slash, e.g. `https://roompulse.example.com`. */
  backendUrl: string | null;
}

export interface AuthSession {
  token: string;
  /** Unix ms. */
  expiresAt: number;
  user: UserView;
}

export interface QueuedUpdate {
  /** Unique within the queue, assigned in enqueue order. */
  id: number;
  update: TelemetryUpdateData;
  /** Unix ms. */
  enqueuedAt: number;
  /** Send through the single endpoint: its batch was refused as a whole (400/413). */
  solo?: boolean;
}

export interface OutboxState {
  items: QueuedUpdate[];
  nextId: number;
  /** Consecutive failed attempts; 0 after a success. */
  attempt: number;
  /** Unix ms before which no attempt is made (backoff), or null. */
  nextAttemptAt: number | null;
  /** Set by a 401/403; cleared by the next sign-in. */
  unauthorized: boolean;
  lastDeliveryAt: number | null;
  lastError: string | null;
}

export interface LocalSchema {
  [STORAGE_KEYS.settings]: Settings;
  [STORAGE_KEYS.auth]: AuthSession;
  [STORAGE_KEYS.outbox]: OutboxState;
}

export interface SessionSchema {
  /** Tab id (as a string) → room id. */
  [STORAGE_KEYS.roomOverrides]: Record<string, string>;
}

/** The subset of `chrome.storage.StorageArea` used here (promise form). */
export interface StorageAreaLike {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export class TypedStorage<Schema extends object> {
  constructor(private readonly area: StorageAreaLike) {}

  async read<K extends keyof Schema & string>(key: K): Promise<Schema[K] | undefined> {
    const found = await this.area.get([key]);
    return found[key] as Schema[K] | undefined;
  }

  write<K extends keyof Schema & string>(key: K, value: Schema[K]): Promise<void> {
    return this.area.set({ [key]: value });
  }

  remove<K extends keyof Schema & string>(key: K): Promise<void> {
    return this.area.remove([key]);
  }
}

export interface ExtensionStorage {
  local: TypedStorage<LocalSchema>;
  session: TypedStorage<SessionSchema>;
}

export function createExtensionStorage(
  local: StorageAreaLike,
  session: StorageAreaLike,
): ExtensionStorage {
  return {
    local: new TypedStorage<LocalSchema>(local),
    session: new TypedStorage<SessionSchema>(session),
  };
}

/** Adapts a `chrome.storage` area; kept here so no other module names `chrome.storage`. */
export function chromeArea(area: chrome.storage.StorageArea): StorageAreaLike {
  return {
    get: (keys) => area.get(keys),
    set: (items) => area.set(items),
    remove: (keys) => area.remove(keys),
  };
}
