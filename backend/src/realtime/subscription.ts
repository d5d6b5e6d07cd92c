import {
  PLATFORMS,
  ROOM_ID_PATTERN,
  isPlatform,
  type Platform,
  type SubscriptionFilter,
} from '@roompulse/contracts';

/**
 * How a dashboard's {@link SubscriptionFilter} maps onto socket.io rooms, so the namespace
 * selects recipients before a packet is encoded.
 *
 * Semantics: each list is a constraint and both must hold. An absent or empty list means
 * "every platform" / "every room"; `{}` is the whole stream. A room is named either
 * - `room_id`: that room id on every platform allowed by `platforms`, or
 * - `platform:room_id`: exactly one room (its platform must be allowed by `platforms`, if given).
 *
 * Every update is emitted to the three rooms of {@link updateRooms}. A socket is in `all`, or in
 * `platform:<p>` rooms, or in `room:<p>:<id>` rooms, never a mix, and an update belongs to
 * exactly one room of each kind; so a socket matches an update through at most one room, and
 * `namespace.to([...])` (which de-duplicates sockets anyway) delivers it once.
 */

/** Most entries `platforms` or `rooms` may hold in one `subscribe`. */
export const MAX_FILTER_ENTRIES = 500;

/** The room of every socket without a filter. */
export const ALL_ROOM = 'all';

export function platformRoom(platform: string): string {
  return `platform:${platform}`;
}

export function roomRoom(platform: string, roomId: string): string {
  return `room:${platform}:${roomId}`;
}

/** The rooms an update of this room is emitted to. */
export function updateRooms(update: { platform: string; room_id: string }): string[] {
  return [ALL_ROOM, platformRoom(update.platform), roomRoom(update.platform, update.room_id)];
}

/** The rooms a socket with this (validated) filter joins. */
export function filterRooms(filter: SubscriptionFilter): string[] {
  const platforms = filter.platforms ?? [];
  const rooms = filter.rooms ?? [];
  if (rooms.length === 0) return platforms.length === 0 ? [ALL_ROOM] : platforms.map(platformRoom);
  const allowed: readonly Platform[] = platforms.length > 0 ? platforms : PLATFORMS;
  const joined = new Set<string>();
  for (const entry of rooms) {
    const { platform, roomId } = splitRoomEntry(entry);
    if (platform) joined.add(roomRoom(platform, roomId));
    else for (const p of allowed) joined.add(roomRoom(p, roomId));
  }
  return [...joined];
}

/** A predicate that agrees with the socket.io routing of {@link filterRooms}; used for snapshots. */
export function filterMatcher(
  filter: SubscriptionFilter,
): (update: { platform: string; room_id: string }) => boolean {
  const rooms = new Set(filterRooms(filter));
  return (update) => updateRooms(update).some((room) => rooms.has(room));
}

export type FilterParseResult =
  { ok: true; filter: SubscriptionFilter } | { ok: false; error: string };

/**
 * Validates a `subscribe` payload and returns the effective filter: duplicates removed, platforms
 * in the order of `PLATFORMS`, rooms in the order given, empty lists dropped (`{}` = everything).
 * Errors name the offending field, e.g. `platforms[1] must be one of: chaturbate, stripchat, camsoda`.
 */
export function parseFilter(payload: unknown): FilterParseResult {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return {
      ok: false,
      error: 'subscribe expects an object { platforms?: string[], rooms?: string[] }',
    };
  }
  const raw = payload as Record<string, unknown>;
  const unknown = Object.keys(raw).find((key) => key !== 'platforms' && key !== 'rooms');
  if (unknown !== undefined) return { ok: false, error: `unknown field "${unknown}"` };

  const platformList = list(raw['platforms'], 'platforms');
  if (typeof platformList === 'string') return { ok: false, error: platformList };
  const roomList = list(raw['rooms'], 'rooms');
  if (typeof roomList === 'string') return { ok: false, error: roomList };

  for (const [index, value] of platformList.entries()) {
    if (!isPlatform(value))
      return { ok: false, error: `platforms[${index}] must be one of: ${PLATFORMS.join(', ')}` };
  }
  const platforms = PLATFORMS.filter((p) => platformList.includes(p));

  const rooms: string[] = [];
  for (const [index, value] of roomList.entries()) {
    const entry = typeof value === 'string' ? splitRoomEntry(value) : null;
    if (
      !entry ||
      !ROOM_ID_PATTERN.test(entry.roomId) ||
      (entry.platform !== null && !isPlatform(entry.platform))
    ) {
      return {
        ok: false,
        error: `rooms[${index}] must be a room id (1-64 characters of A-Z, a-z, 0-9, _ . -) or platform:room_id`,
      };
    }
    if (
      entry.platform !== null &&
      platforms.length > 0 &&
      !platforms.includes(entry.platform as Platform)
    ) {
      return {
        ok: false,
        error: `rooms[${index}] is on ${entry.platform}, which "platforms" leaves out`,
      };
    }
    if (!rooms.includes(value as string)) rooms.push(value as string);
  }

  return {
    ok: true,
    filter: { ...(platforms.length > 0 && { platforms }), ...(rooms.length > 0 && { rooms }) },
  };
}

function list(value: unknown, field: string): unknown[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return `${field} must be an array`;
  if (value.length > MAX_FILTER_ENTRIES)
    return `${field} must not hold more than ${MAX_FILTER_ENTRIES} entries`;
  return value;
}

/** `alice` → any platform; `chaturbate:alice` → that platform. Room ids cannot contain `:`. */
function splitRoomEntry(entry: string): { platform: string | null; roomId: string } {
  const colon = entry.indexOf(':');
  return colon === -1
    ? { platform: null, roomId: entry }
    : { platform: entry.slice(0, colon), roomId: entry.slice(colon + 1) };
}
