import {
  ROOM_ID_PATTERN,
  type ActionResult,
  type ExtensionReplies,
  type ExtensionStatus,
  type RoomOverrideChangedMessage,
  type ServiceWorkerRequest,
} from '@roompulse/contracts';
import { normalizeBackendUrl } from '../shared/backend-url';
import { STORAGE_KEYS, type ExtensionStorage } from '../shared/storage';
import { isTelemetryUpdate } from '../shared/telemetry-guard';
import { signIn } from './auth';
import { badgeFor, type BadgeView } from './badge';
import type { FetchLike } from './http';
import type { TelemetryOutbox } from './outbox';

export interface BackgroundDeps {
  storage: ExtensionStorage;
  outbox: TelemetryOutbox;
  fetch: FetchLike;
  /** Unix ms. */
  now: () => number;
  showBadge: (badge: BadgeView) => void;
  notifyTab: (tabId: number, message: RoomOverrideChangedMessage) => Promise<unknown>;
}

type Reply = ExtensionReplies[keyof ExtensionReplies];

/** The service worker's logic: answers messages, derives the status, keeps the badge current. */
export class BackgroundApp {
  constructor(private readonly deps: BackgroundDeps) {}

  /** Answers one runtime message; `tabId` is the sender's tab (content scripts only). */
  async handle(
    message: ServiceWorkerRequest,
    tabId: number | undefined,
  ): Promise<Reply | undefined> {
    switch (message?.type) {
      case 'roompulse/telemetry':
        if (!isTelemetryUpdate(message.update))
          return { queued: false, queueLength: await this.queueLength() };
        return { queued: true, queueLength: await this.deps.outbox.enqueue(message.update) };
      case 'roompulse/get-room-override':
        return {
          room: tabId === undefined ? null : ((await this.overrides())[String(tabId)] ?? null),
        };
      case 'roompulse/get-status':
        return this.status();
      case 'roompulse/set-backend':
        return this.setBackend(message.backendUrl);
      case 'roompulse/sign-in':
        return this.signIn(message.username, message.password);
      case 'roompulse/sign-out':
        await this.deps.storage.local.remove(STORAGE_KEYS.auth);
        await this.refreshBadge();
        return { ok: true };
      case 'roompulse/set-room-override':
        return this.setRoomOverride(message.tabId, message.room);
      default:
        return undefined;
    }
  }

  /** On every service worker start: resume pending deliveries and restore the badge. */
  async wake(): Promise<void> {
    await this.refreshBadge();
    await this.deps.outbox.flush();
  }

  async status(): Promise<ExtensionStatus> {
    const [settings, auth, outbox] = await Promise.all([
      this.deps.storage.local.read(STORAGE_KEYS.settings),
      this.deps.storage.local.read(STORAGE_KEYS.auth),
      this.deps.outbox.read(),
    ]);
    const now = this.deps.now();
    const backendUrl = settings?.backendUrl ?? null;
    const delivery: ExtensionStatus['delivery'] = !backendUrl
      ? 'no-backend'
      : !auth
        ? 'signed-out'
        : outbox.unauthorized || auth.expiresAt <= now
          ? 'unauthorized'
          : outbox.nextAttemptAt !== null && outbox.items.length > 0
            ? 'retrying'
            : outbox.items.length > 0
              ? 'sending'
              : 'idle';
    return {
      backendUrl,
      user: auth?.user ?? null,
      tokenExpiresAt: auth?.expiresAt ?? null,
      delivery,
      queueLength: outbox.items.length,
      lastDeliveryAt: outbox.lastDeliveryAt,
      lastError: outbox.lastError,
      nextRetryAt: outbox.nextAttemptAt,
    };
  }

  async refreshBadge(): Promise<void> {
    this.deps.showBadge(badgeFor(await this.status()));
  }

  async forgetTab(tabId: number): Promise<void> {
    const overrides = await this.overrides();
    if (!(String(tabId) in overrides)) return;
    delete overrides[String(tabId)];
    await this.deps.storage.session.write(STORAGE_KEYS.roomOverrides, overrides);
  }

  private async setBackend(input: string): Promise<ActionResult> {
    const normalized = normalizeBackendUrl(input);
    if (!normalized.ok) return normalized;
    const settings = await this.deps.storage.local.read(STORAGE_KEYS.settings);
    if (settings?.backendUrl !== normalized.url) {
      await this.deps.storage.local.write(STORAGE_KEYS.settings, { backendUrl: normalized.url });
      // A token belongs to the backend that issued it.
      await this.deps.storage.local.remove(STORAGE_KEYS.auth);
    }
    await this.deps.outbox.resume();
    await this.refreshBadge();
    return { ok: true };
  }

  private async signIn(username: string, password: string): Promise<ActionResult> {
    const settings = await this.deps.storage.local.read(STORAGE_KEYS.settings);
    if (!settings?.backendUrl) return { ok: false, error: 'Set the backend URL first' };
    if (!username || !password) return { ok: false, error: 'Enter a username and a password' };
    const result = await signIn(
      this.deps.fetch,
      settings.backendUrl,
      { username, password },
      this.deps.now(),
    );
    if (!result.ok) return result;
    await this.deps.storage.local.write(STORAGE_KEYS.auth, result.session);
    await this.deps.outbox.resume();
    await this.refreshBadge();
    return { ok: true };
  }

  private async setRoomOverride(tabId: number, room: string | null): Promise<ActionResult> {
    if (room !== null && !ROOM_ID_PATTERN.test(room)) {
      return { ok: false, error: 'A room id is 1-64 characters of A-Z, a-z, 0-9, _ . -' };
    }
    const overrides = await this.overrides();
    if (room === null) delete overrides[String(tabId)];
    else overrides[String(tabId)] = room;
    await this.deps.storage.session.write(STORAGE_KEYS.roomOverrides, overrides);
    await this.deps
      .notifyTab(tabId, { type: 'roompulse/room-override-changed', room })
      .catch(() => undefined);
    return { ok: true };
  }

  private async overrides(): Promise<Record<string, string>> {
    return { ...((await this.deps.storage.session.read(STORAGE_KEYS.roomOverrides)) ?? {}) };
  }

  private async queueLength(): Promise<number> {
    return (await this.deps.outbox.read()).items.length;
  }
}
