import {
  MAX_BATCH_SIZE,
  type TelemetryBatchResponse,
  type TelemetryBatchResult,
  type TelemetryUpdateData,
} from '@roompulse/contracts';
import {
  STORAGE_KEYS,
  type LocalSchema,
  type OutboxState,
  type QueuedUpdate,
  type TypedStorage,
} from '../shared/storage';
import { describe, type Credentials } from './auth';
import { errorMessage, jsonOrUndefined, postJson, type FetchLike } from './http';

export const TELEMETRY_PATH = '/api/tracking/telemetry';
export const BATCH_PATH = '/api/tracking/telemetry/batch';

/** Queue bound; beyond it older updates of rooms that have newer ones are dropped first. */
export const DEFAULT_MAX_QUEUED = 1_000;
export const BASE_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 60_000;

/** When to try again: `wakeAt` replaces any earlier wake-up; `cancel` drops it. */
export interface RetryScheduler {
  wakeAt(atMs: number): void;
  cancel(): void;
}

export interface OutboxDeps {
  storage: TypedStorage<LocalSchema>;
  fetch: FetchLike;
  /** Unix ms. */
  now: () => number;
  /** In [0, 1); the jitter of the backoff. */
  random: () => number;
  scheduler: RetryScheduler;
  credentials: () => Promise<Credentials>;
  log: { warn(message: string, details?: unknown): void };
  /** Called after every change of the stored state (for the badge). */
  onChange?: () => void;
  maxQueued?: number;
  maxBatch?: number;
}

export function emptyOutbox(): OutboxState {
  return {
    items: [],
    nextId: 1,
    attempt: 0,
    nextAttemptAt: null,
    unauthorized: false,
    lastDeliveryAt: null,
    lastError: null,
  };
}

/**
 * Delay before retry number `attempt` (1-based): exponential from 1 s, capped at 60 s, with
 * "equal jitter" (between half and all of the exponential value), so clients that failed
 * together do not retry together.
 */
export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function roomKey(update: TelemetryUpdateData): string {
  return `${update.platform}/${update.room_id}`;
}

/**
 * Bounds the queue to `max` items: drops the oldest items that a newer item of the same room
 * supersedes first (figures are absolute, the newest per room matters most), and only when every
 * room is down to one item, the oldest rooms' items.
 */
export function trimToNewestPerRoom(items: QueuedUpdate[], max: number): QueuedUpdate[] {
  if (items.length <= max) return items;
  const newestIndex = new Map<string, number>();
  items.forEach((item, index) => newestIndex.set(roomKey(item.update), index));
  let excess = items.length - max;
  const kept = items.filter((item, index) => {
    if (excess > 0 && newestIndex.get(roomKey(item.update)) !== index) {
      excess--;
      return false;
    }
    return true;
  });
  return excess > 0 ? kept.slice(excess) : kept;
}

type Outcome =
  | { kind: 'done'; delivered: number[]; dropped: { item: QueuedUpdate; reason: string }[] }
  | { kind: 'split'; ids: number[] }
  | { kind: 'unauthorized'; error: string }
  | { kind: 'retry'; error: string };

/**
 * Undelivered telemetry, persisted in `chrome.storage.local` so that a stopped service worker, a
 * closed popup, a backend restart or a network drop loses nothing. Delivery is at least once, in
 * enqueue order per request; the backend ignores an update older than the room's stored figures.
 *
 * Per response: 2xx removes the items (a batch answers per item: `accepted`/`stale` are done,
 * `invalid` is dropped with its reason logged); 400 for a single update drops it; 400/413 for a
 * whole batch re-sends its items one by one; 401/403 pauses sending until the next sign-in;
 * anything else (5xx, network error) retries with {@link backoffDelay}.
 */
export class TelemetryOutbox {
  private chain: Promise<unknown> = Promise.resolve();
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  private readonly maxQueued: number;
  private readonly maxBatch: number;

  constructor(private readonly deps: OutboxDeps) {
    this.maxQueued = deps.maxQueued ?? DEFAULT_MAX_QUEUED;
    this.maxBatch = Math.min(deps.maxBatch ?? MAX_BATCH_SIZE, MAX_BATCH_SIZE);
  }

  /** Persists an update and starts an attempt; resolves with the queue length once stored. */
  async enqueue(update: TelemetryUpdateData): Promise<number> {
    const length = await this.transact((state) => {
      state.items.push({ id: state.nextId++, update, enqueuedAt: this.deps.now() });
      const trimmed = trimToNewestPerRoom(state.items, this.maxQueued);
      if (trimmed.length < state.items.length) {
        this.deps.log.warn(
          `RoomPulse: queue full, dropped ${state.items.length - trimmed.length} superseded update(s)`,
        );
      }
      state.items = trimmed;
      return state.items.length;
    });
    void this.flush();
    return length;
  }

  /**
   * Clears a 401 pause and any backoff (after a sign-in or a new backend URL) and starts an
   * attempt without waiting for it (`flush()` joins it).
   */
  async resume(): Promise<void> {
    await this.transact((state) => {
      state.unauthorized = false;
      state.attempt = 0;
      state.nextAttemptAt = null;
      state.lastError = null;
    });
    void this.flush();
  }

  read(): Promise<OutboxState> {
    return this.transact((state) => ({ ...state, items: [...state.items] }));
  }

  /** Sends what is due. Concurrent calls share one run; a call during a run triggers another. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      try {
        do {
          this.flushAgain = false;
          await this.drain();
        } while (this.flushAgain);
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const state = await this.read();
      if (state.items.length === 0 || state.unauthorized) {
        this.deps.scheduler.cancel();
        return;
      }
      if (state.nextAttemptAt !== null && this.deps.now() < state.nextAttemptAt) {
        this.deps.scheduler.wakeAt(state.nextAttemptAt);
        return;
      }
      const credentials = await this.deps.credentials();
      if (!credentials.ok) {
        if (credentials.reason === 'expired') {
          await this.transact((s) => {
            s.unauthorized = true;
            s.lastError = 'Session expired: sign in again';
          });
        }
        this.deps.scheduler.cancel();
        return;
      }
      const batch = pickBatch(state.items, this.maxBatch);
      const outcome = await this.send(credentials, batch);
      const retryAt = await this.transact((s) => this.apply(s, outcome));
      if (retryAt !== null) {
        this.deps.scheduler.wakeAt(retryAt);
        return;
      }
      if (outcome.kind === 'unauthorized') {
        this.deps.scheduler.cancel();
        return;
      }
    }
  }

  /** Applies an outcome to the stored state; returns when to retry, if backing off. */
  private apply(state: OutboxState, outcome: Outcome): number | null {
    const now = this.deps.now();
    switch (outcome.kind) {
      case 'done': {
        const finished = new Set([...outcome.delivered, ...outcome.dropped.map((d) => d.item.id)]);
        state.items = state.items.filter((item) => !finished.has(item.id));
        for (const { item, reason } of outcome.dropped) {
          this.deps.log.warn(
            `RoomPulse: dropped an update the backend refused: ${reason}`,
            item.update,
          );
        }
        if (finished.size === 0)
          return this.backOff(state, 'The backend answered without a result for the updates', now);
        state.attempt = 0;
        state.nextAttemptAt = null;
        if (outcome.delivered.length > 0) state.lastDeliveryAt = now;
        state.lastError =
          outcome.dropped.length > 0
            ? `Dropped ${outcome.dropped.length} invalid update(s): ${outcome.dropped[0].reason}`
            : null;
        return null;
      }
      case 'split': {
        const ids = new Set(outcome.ids);
        state.items = state.items.map((item) =>
          ids.has(item.id) ? { ...item, solo: true } : item,
        );
        return null;
      }
      case 'unauthorized':
        state.unauthorized = true;
        state.lastError = outcome.error;
        return null;
      case 'retry':
        return this.backOff(state, outcome.error, now);
    }
  }

  private backOff(state: OutboxState, error: string, now: number): number {
    state.attempt += 1;
    state.nextAttemptAt = now + backoffDelay(state.attempt, this.deps.random);
    state.lastError = error;
    return state.nextAttemptAt;
  }

  private async send(
    credentials: { backendUrl: string; token: string },
    batch: QueuedUpdate[],
  ): Promise<Outcome> {
    const single = batch.length === 1;
    const url = `${credentials.backendUrl}${single ? TELEMETRY_PATH : BATCH_PATH}`;
    const body = single ? batch[0].update : { updates: batch.map((item) => item.update) };
    let response;
    try {
      response = await postJson(this.deps.fetch, url, body, credentials.token);
    } catch (error) {
      return { kind: 'retry', error: `Backend unreachable (${describe(error)})` };
    }
    const status = response.status;
    const answer = await jsonOrUndefined(response);
    if (status === 401 || status === 403) {
      return {
        kind: 'unauthorized',
        error: `The backend refused the token (HTTP ${status}): sign in again`,
      };
    }
    if (single && (status === 400 || status === 413)) {
      return {
        kind: 'done',
        delivered: [],
        dropped: [{ item: batch[0], reason: errorMessage(answer, status) }],
      };
    }
    if (!single && (status === 400 || status === 413))
      return { kind: 'split', ids: batch.map((item) => item.id) };
    if (status < 200 || status > 299)
      return { kind: 'retry', error: `Backend error: ${errorMessage(answer, status)}` };
    return single
      ? { kind: 'done', delivered: [batch[0].id], dropped: [] }
      : batchOutcome(batch, answer);
  }

  /** Runs `fn` on the stored state with exclusive access, then stores it. */
  private transact<T>(fn: (state: OutboxState) => T): Promise<T> {
    const run = this.chain.then(async () => {
      const stored = await this.deps.storage.read(STORAGE_KEYS.outbox);
      const state = stored && Array.isArray(stored.items) ? stored : emptyOutbox();
      const before = JSON.stringify(state);
      const result = fn(state);
      if (JSON.stringify(state) !== before) {
        await this.deps.storage.write(STORAGE_KEYS.outbox, state);
        this.deps.onChange?.();
      }
      return result;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/** The next request: a solo item alone, else the leading run of batchable items. */
function pickBatch(items: QueuedUpdate[], max: number): QueuedUpdate[] {
  if (items[0].solo) return [items[0]];
  const batch: QueuedUpdate[] = [];
  for (const item of items) {
    if (item.solo || batch.length === max) break;
    batch.push(item);
  }
  return batch;
}

function batchOutcome(batch: QueuedUpdate[], answer: unknown): Outcome {
  const results = (answer as Partial<TelemetryBatchResponse> | undefined)?.results;
  if (!Array.isArray(results)) return { kind: 'retry', error: 'Unexpected answer to a batch' };
  const delivered: number[] = [];
  const dropped: { item: QueuedUpdate; reason: string }[] = [];
  for (const result of results as TelemetryBatchResult[]) {
    const item = batch[result?.index];
    if (!item) continue;
    if (result.status === 'accepted' || result.status === 'stale') delivered.push(item.id);
    else if (result.status === 'invalid') {
      const reason =
        (result.errors ?? []).map((e) => `${e.field}: ${e.reason}`).join('; ') || 'invalid';
      dropped.push({ item, reason });
    }
  }
  return { kind: 'done', delivered, dropped };
}
