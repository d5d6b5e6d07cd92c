import type { UserView } from './auth.dto';
import type { Platform } from './platform';
import type { TelemetryUpdateData } from './telemetry-update.dto';

/**
 * Messages between the parts of the Chrome extension: the page hook (MAIN world), the content
 * script (isolated world), the service worker and the popup. Every `chrome.runtime` /
 * `chrome.tabs` message and every `window.postMessage` envelope the extension uses is listed here,
 * with the reply it gets in {@link ExtensionReplies}.
 */

/** The figures the extension reads on a room page, in the order the popup shows them. */
export const FIGURE_NAMES = ['tokens', 'tips', 'viewers'] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

/**
 * Figures as read on a page. `null` means the figure could be found neither on the page nor in
 * its live messages: it is reported as missing, never as 0, and no update is sent while any
 * figure is missing (a `TelemetryUpdate` carries all three).
 */
export type FigureValues = Record<FigureName, number | null>;

/** Where a figure came from: the page's own counter (wins), the page's live messages, or nowhere. */
export type FigureSource = 'page' | 'messages' | null;

// ---------------------------------------------------------------------------------------------
// Content script → service worker

/**
 * Latest figures of the room open in a tab. Sent when a figure changes (coalesced for about a
 * second) and as a heartbeat every 30 s while the room page stays open.
 * Acknowledged once the update is persisted in the delivery queue: from then on it is delivered
 * at least once (duplicates are harmless, figures are absolute and the newest timestamp wins).
 */
export interface TelemetryMessage {
  type: 'roompulse/telemetry';
  reason: 'change' | 'heartbeat';
  update: TelemetryUpdateData;
}

/** The popup's room override for the sender's tab, asked for when a content script starts. */
export interface GetRoomOverrideMessage {
  type: 'roompulse/get-room-override';
}

// ---------------------------------------------------------------------------------------------
// Popup → service worker

export interface GetStatusMessage {
  type: 'roompulse/get-status';
}

/** Sets the backend base URL (for example `https://roompulse.example.com`). */
export interface SetBackendMessage {
  type: 'roompulse/set-backend';
  backendUrl: string;
}

/** The password travels once to `POST /api/auth/login` and is never stored; only the token is. */
export interface SignInMessage {
  type: 'roompulse/sign-in';
  username: string;
  password: string;
}

/** Forgets the token. Queued updates are kept and delivered after the next sign-in. */
export interface SignOutMessage {
  type: 'roompulse/sign-out';
}

/** Replaces the room id detected from the URL in one tab (`null` removes the override). */
export interface SetRoomOverrideMessage {
  type: 'roompulse/set-room-override';
  tabId: number;
  room: string | null;
}

// ---------------------------------------------------------------------------------------------
// Popup / service worker → content script

export interface GetTabStateMessage {
  type: 'roompulse/get-tab-state';
}

export interface RoomOverrideChangedMessage {
  type: 'roompulse/room-override-changed';
  room: string | null;
}

export type ServiceWorkerRequest =
  | TelemetryMessage
  | GetRoomOverrideMessage
  | GetStatusMessage
  | SetBackendMessage
  | SignInMessage
  | SignOutMessage
  | SetRoomOverrideMessage;

export type ContentScriptRequest = GetTabStateMessage | RoomOverrideChangedMessage;

export type ExtensionRequest = ServiceWorkerRequest | ContentScriptRequest;

export type ActionResult = { ok: true } | { ok: false; error: string };

/** Reply to a {@link TelemetryMessage}: `queued: false` when the update was malformed. */
export interface QueueAck {
  queued: boolean;
  queueLength: number;
}

/**
 * Delivery as the service worker sees it:
 * no-backend → (backend URL saved) → signed-out → (sign in) → idle ⇄ sending → retrying (backoff)
 * → sending …; a 401 or an expired token moves to `unauthorized` until the next sign-in.
 */
export type DeliveryState =
  'no-backend' | 'signed-out' | 'unauthorized' | 'idle' | 'sending' | 'retrying';

export interface ExtensionStatus {
  backendUrl: string | null;
  user: UserView | null;
  /** When the token expires, Unix ms. */
  tokenExpiresAt: number | null;
  delivery: DeliveryState;
  queueLength: number;
  /** Last successful delivery, Unix ms. */
  lastDeliveryAt: number | null;
  lastError: string | null;
  /** Next retry when backing off, Unix ms. */
  nextRetryAt: number | null;
}

/** What the content script of one tab reads, for the popup. */
export interface TabState {
  platform: Platform | null;
  room: string | null;
  roomSource: 'url' | 'override' | null;
  figures: FigureValues;
  sources: Record<FigureName, FigureSource>;
  missing: FigureName[];
  /** Last update handed to the service worker, Unix ms. */
  lastSentAt: number | null;
  /** Version of the platform's selector/message table that read the figures. */
  tableVersion: string | null;
  /** The room's status as its live messages last gave it (e.g. `public`, `offline`), if any. */
  roomStatus: string | null;
}

/** The reply each request gets. */
export interface ExtensionReplies {
  'roompulse/telemetry': QueueAck;
  'roompulse/get-room-override': { room: string | null };
  'roompulse/get-status': ExtensionStatus;
  'roompulse/set-backend': ActionResult;
  'roompulse/sign-in': ActionResult;
  'roompulse/sign-out': ActionResult;
  'roompulse/set-room-override': ActionResult;
  'roompulse/get-tab-state': TabState;
  'roompulse/room-override-changed': ActionResult;
}

export type ReplyTo<M extends ExtensionRequest> = ExtensionReplies[M['type']];

// ---------------------------------------------------------------------------------------------
// Page hook (MAIN world) → content script (isolated world), through `window.postMessage`

export const PAGE_HOOK_SOURCE = 'roompulse-page-hook' as const;

/**
 * One text frame a page's WebSocket received, copied by the page hook. Binary frames are not
 * forwarded. Any script of the page can post a look-alike, so receivers treat it as page data,
 * never as a command.
 */
export interface PageHookSocketMessage {
  source: typeof PAGE_HOOK_SOURCE;
  version: 1;
  kind: 'ws-message';
  socketUrl: string;
  data: string;
}
