import type { FigureName, FigureValues, Platform } from '@roompulse/contracts';

/** One way to find a figure: a CSS selector, and the attribute holding the number (else the text). */
export interface SelectorSpec {
  css: string;
  attr?: string;
}

/**
 * Everything about a platform's pages that the site can change: hosts, paths that are not rooms,
 * the selectors of each figure (tried in order, first match that parses wins) and the names in
 * its WebSocket messages. Bump `version` on every change; the popup shows it, so a report of
 * "figures missing" can be matched to the table that read them.
 */
export interface PlatformTable<Messages> {
  version: string;
  /** Registrable domains; subdomains are included (`www.`, language subdomains). */
  hosts: readonly string[];
  /** First path segments that are site pages, not rooms. Compared lower-case. */
  reservedPaths: readonly string[];
  selectors: Record<FigureName, readonly SelectorSpec[]>;
  messages: Messages;
}

/** Events parsed from a page's live messages. */
export type PlatformEvent =
  /**
   * A tip of `amount` tokens. `id` is unique per tip and de-duplicates repeated frames; null when
   * the platform's frame carries nothing to de-duplicate by (each such frame counts once).
   */
  | { kind: 'tip'; id: string | null; amount: number; from: string | null }
  /** Current number of viewers. */
  | { kind: 'viewers'; count: number }
  /** The room went online/offline/private, as the platform words it. */
  | { kind: 'status'; status: string };

/** What the DOM reading found: each figure, and the selector that found it (null when missing). */
export interface PageReading {
  values: FigureValues;
  matchedBy: Record<FigureName, string | null>;
}

/**
 * One cam platform. Implementations are pure: they read a URL, a document or a raw message and
 * return data, so each is tested on fixture pages and recorded-style message samples.
 */
export interface PlatformAdapter<P extends Platform = Platform> {
  readonly platform: P;
  readonly table: PlatformTable<unknown>;
  /** The room id of a room page URL on this platform, or null for any other page. */
  detectRoom(url: URL): string | null;
  /** The figures shown on the page; a figure no selector finds is null. */
  readFigures(doc: ParentNode): PageReading;
  /** Events in one raw WebSocket text frame; [] for frames that carry none. Never throws. */
  parseMessage(raw: string): PlatformEvent[];
}
