import type { FigureValues, TabState, TelemetryMessage } from '@roompulse/contracts';
import { resolveRoomPage, type RoomPage } from '../platforms/registry';
import { SessionTally, combineFigures, sameFigures, type CombinedFigures } from './session-tally';

export interface WatcherTimings {
  /** Figure changes are coalesced this long before one update is sent. */
  sendDelayMs: number;
  /** An update is re-sent after this long without one, while the room page is open. */
  heartbeatMs: number;
  /** Safety-net re-read, in case a change escaped the MutationObserver. */
  pollMs: number;
  /** DOM mutations trigger at most one re-read per this interval. */
  mutationReadMs: number;
}

export const DEFAULT_TIMINGS: WatcherTimings = {
  sendDelayMs: 1_000,
  heartbeatMs: 30_000,
  pollMs: 5_000,
  mutationReadMs: 250,
};

export interface WatcherDeps {
  document: Document;
  /** The tab's current URL (read on every refresh: single-page sites change it in place). */
  currentUrl: () => string;
  /** Extra hosts of a test build, see `resolveRoomPage`. */
  testHosts: readonly string[];
  /** Unix ms. */
  now: () => number;
  send: (message: TelemetryMessage) => void;
  /** A MutationObserver over `target`, calling back on any change; returns its disconnect. */
  observe: (target: Node, onChange: () => void) => () => void;
  timings?: Partial<WatcherTimings>;
}

/**
 * Watches one tab: which room page it shows, the figures on it and the messages it receives,
 * and hands an update to the service worker when a figure changes (after `sendDelayMs`) and as
 * a heartbeat (`heartbeatMs` after the last one), but only while the URL is a recognised room
 * and all three figures are known.
 *
 * stopped → start() → watching (observer + poll + heartbeat) → stop() → stopped.
 * A change of room in the URL starts a new session (the message tally restarts from zero).
 */
export class RoomWatcher {
  private readonly timings: WatcherTimings;
  private page: RoomPage | null = null;
  private pageKey: string | null = null;
  private override: string | null = null;
  private tally = new SessionTally();
  private current: CombinedFigures = combineFigures(
    { tokens: null, tips: null, viewers: null },
    new SessionTally().snapshot(),
  );
  private lastSent: { figures: FigureValues; room: string } | null = null;
  private lastSentAt: number | null = null;
  private disconnect: (() => void) | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private sendTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setTimeout> | null = null;
  private mutationTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: WatcherDeps) {
    this.timings = { ...DEFAULT_TIMINGS, ...deps.timings };
  }

  get running(): boolean {
    return this.pollTimer !== null;
  }

  start(): void {
    if (this.running) return;
    this.disconnect = this.deps.observe(this.deps.document, () => this.onMutation());
    this.pollTimer = setInterval(() => this.refresh(), this.timings.pollMs);
    this.refresh();
  }

  /** Disconnects the observer and clears every timer; nothing is sent afterwards. */
  stop(): void {
    this.disconnect?.();
    this.disconnect = null;
    for (const timer of [this.sendTimer, this.heartbeatTimer, this.mutationTimer]) {
      if (timer !== null) clearTimeout(timer);
    }
    if (this.pollTimer !== null) clearInterval(this.pollTimer);
    this.pollTimer = this.sendTimer = this.heartbeatTimer = this.mutationTimer = null;
  }

  /** One text frame the page's WebSocket received. */
  onSocketMessage(raw: string): void {
    if (!this.running) return;
    this.syncPage();
    if (this.page && this.tally.apply(this.page.adapter.parseMessage(raw))) this.refresh();
  }

  /** The popup's room id for this tab (null: use the one in the URL). */
  setRoomOverride(room: string | null): void {
    this.override = room;
    if (this.running) this.refresh();
  }

  tabState(): TabState {
    this.syncPage();
    const page = this.page;
    return {
      platform: page?.adapter.platform ?? null,
      room: page ? this.roomId(page) : null,
      roomSource: page ? (this.override ? 'override' : 'url') : null,
      figures: { ...this.current.values },
      sources: { ...this.current.sources },
      missing: [...this.current.missing],
      lastSentAt: this.lastSentAt,
      tableVersion: page?.adapter.table.version ?? null,
      roomStatus: this.tally.snapshot().status,
    };
  }

  /** Re-reads the page and schedules a send when the figures to report changed. */
  refresh(): void {
    this.read();
    const page = this.page;
    if (!page || !this.running || this.sendTimer !== null) return;
    const room = this.roomId(page);
    const sent = this.lastSent;
    if (!sent || sent.room !== room || !sameFigures(sent.figures, this.current.values)) {
      this.sendTimer = setTimeout(() => {
        this.sendTimer = null;
        this.sendNow('change');
      }, this.timings.sendDelayMs);
    }
  }

  private read(): void {
    this.syncPage();
    const onPage = this.page?.adapter.readFigures(this.deps.document).values;
    this.current = combineFigures(
      onPage ?? { tokens: null, tips: null, viewers: null },
      this.tally.snapshot(),
    );
  }

  private onMutation(): void {
    if (this.mutationTimer !== null) return;
    this.mutationTimer = setTimeout(() => {
      this.mutationTimer = null;
      this.refresh();
    }, this.timings.mutationReadMs);
  }

  /** Follows the URL; a different platform/room starts a new session. */
  private syncPage(): void {
    const page = resolveRoomPage(this.deps.currentUrl(), this.deps.testHosts);
    const key = page ? `${page.adapter.platform}/${page.room}` : null;
    if (key !== this.pageKey) {
      this.pageKey = key;
      this.tally = new SessionTally();
      this.lastSent = null;
      if (this.heartbeatTimer !== null) clearTimeout(this.heartbeatTimer);
      this.heartbeatTimer = null;
    }
    this.page = page;
  }

  private sendNow(reason: TelemetryMessage['reason']): void {
    this.read();
    const page = this.page;
    const { tokens, tips, viewers } = this.current.values;
    if (!page || !this.running || tokens === null || tips === null || viewers === null) return;
    const room = this.roomId(page);
    const now = this.deps.now();
    this.deps.send({
      type: 'roompulse/telemetry',
      reason,
      update: {
        room_id: room,
        platform: page.adapter.platform,
        tokens_count: tokens,
        tips_count: tips,
        viewers_count: viewers,
        timestamp: Math.floor(now / 1000),
      },
    });
    this.lastSent = { figures: { ...this.current.values }, room };
    this.lastSentAt = now;
    if (this.heartbeatTimer !== null) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => {
      this.heartbeatTimer = null;
      this.sendNow('heartbeat');
    }, this.timings.heartbeatMs);
  }

  private roomId(page: RoomPage): string {
    return this.override ?? page.room;
  }
}
