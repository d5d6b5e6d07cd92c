import { InjectionToken, type Provider } from '@angular/core';

/** `live`: an update within `staleAfterMs`; `stale`: until `offlineAfterMs`; `offline`: older or gone. */
export type RoomStatus = 'live' | 'stale' | 'offline';

export interface RoomStatusThresholds {
  /** Age (ms) from which a room's figures count as stale. */
  staleAfterMs: number;
  /** Age (ms) from which a room counts as offline. Never below `staleAfterMs`. */
  offlineAfterMs: number;
}

export const DEFAULT_ROOM_STATUS_THRESHOLDS: RoomStatusThresholds = {
  staleAfterMs: 30_000,
  offlineAfterMs: 5 * 60_000,
};

export const ROOM_STATUS_THRESHOLDS = new InjectionToken<RoomStatusThresholds>(
  'ROOM_STATUS_THRESHOLDS',
  { providedIn: 'root', factory: () => DEFAULT_ROOM_STATUS_THRESHOLDS },
);

export function statusByAge(ageMs: number, thresholds: RoomStatusThresholds): RoomStatus {
  if (ageMs < thresholds.staleAfterMs) return 'live';
  if (ageMs < thresholds.offlineAfterMs) return 'stale';
  return 'offline';
}

/**
 * Thresholds overridden from the page URL, in seconds: `?staleAfter=3&offlineAfter=10`. Meant for
 * browser tests and demos, which cannot wait 30 s or 5 min. Missing, non-numeric or non-positive
 * values keep the default; `offlineAfter` is raised to `staleAfter` when given lower.
 */
export function thresholdsFromQuery(
  search: string,
  defaults: RoomStatusThresholds = DEFAULT_ROOM_STATUS_THRESHOLDS,
): RoomStatusThresholds {
  const params = new URLSearchParams(search);
  const staleAfterMs = secondsParam(params.get('staleAfter')) ?? defaults.staleAfterMs;
  const offlineAfterMs = secondsParam(params.get('offlineAfter')) ?? defaults.offlineAfterMs;
  return { staleAfterMs, offlineAfterMs: Math.max(offlineAfterMs, staleAfterMs) };
}

/**
 * Reads the thresholds from the URL the app was opened with. Read once at start, before the
 * router redirects (to `/login` and back), so `/?staleAfter=3` keeps working across sign-in.
 */
export function provideRoomStatusThresholds(search: string): Provider {
  return { provide: ROOM_STATUS_THRESHOLDS, useValue: thresholdsFromQuery(search) };
}

function secondsParam(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
}
