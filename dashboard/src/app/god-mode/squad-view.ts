import { UNASSIGNED_SQUAD_ID, type Platform, type Roster } from '@roompulse/contracts';
import type { RoomStatus } from '../shared/room-status';
import { roomKey, type RoomKey } from './room-key';
import type { RoomView } from './room-state.store';

export const UNASSIGNED_SQUAD_NAME = 'Unassigned';

/** One room as the squad cards and the heat map show it: roster entry plus live figures. */
export interface RoomRow {
  readonly key: RoomKey;
  readonly room_id: string;
  readonly platform: Platform;
  readonly display_name: string;
  /** 0 means no goal. */
  readonly daily_goal_tokens: number;
  /** Null while the room has sent no telemetry. */
  readonly tokens: number | null;
  readonly tips: number | null;
  readonly viewers: number | null;
  readonly status: RoomStatus;
  /** Null while the room has sent no telemetry. */
  readonly ageMs: number | null;
  readonly tokensPerMinute: number;
}

export interface SquadView {
  readonly id: string;
  readonly name: string;
  readonly rooms: readonly RoomRow[];
  readonly tokens: number;
  readonly tips: number;
  /** Viewers of the squad's rooms that are not offline. */
  readonly viewers: number;
  /** Tokens of the rooms that have a goal, and the sum of those goals. */
  readonly goalProgressTokens: number;
  readonly goalTokens: number;
  readonly roomsLive: number;
}

export type SquadSort = 'tokens' | 'viewers';

export interface RoomFilter {
  /** Matched case-insensitively against display name, room id and squad name. */
  readonly text: string;
  readonly platform: Platform | 'all';
}

export const NO_FILTER: RoomFilter = { text: '', platform: 'all' };

/**
 * The roster's squads with their rooms' live figures, in roster order, followed by an
 * "Unassigned" squad holding the rooms that send telemetry but are in no squad (only when there
 * are such rooms). A room listed in the roster that never sent telemetry shows as offline with no
 * figures.
 */
export function buildSquads(roster: Roster | null, rooms: readonly RoomView[]): SquadView[] {
  return new SquadBoard().build(roster, rooms);
}

/**
 * What the screen shows: rooms matching the filter (squads left without rooms disappear, totals
 * cover the rooms shown), rooms and squads ordered by the chosen figure, highest first, ties by
 * name so that the order is stable.
 */
export function arrangeSquads(
  squads: readonly SquadView[],
  filter: RoomFilter,
  sort: SquadSort,
): SquadView[] {
  return new SquadBoard().arrange(squads, filter, sort);
}

/**
 * Builds and arranges squads like {@link buildSquads} and {@link arrangeSquads}, but hands back
 * the very objects of its previous call for every row and squad whose inputs did not change. With
 * a thousand rooms and a few dozen changing per redraw, the views of the unchanged ones then see
 * the same input and are left alone (bench/README.md, B4). One board per screen.
 */
export class SquadBoard {
  private rows = new Map<RoomKey, { view: RoomView | undefined; row: RoomRow }>();
  private built = new Map<string, SquadView>();
  private arranged = new Map<
    string,
    { source: SquadView; how: string; result: SquadView | null }
  >();

  build(roster: Roster | null, rooms: readonly RoomView[]): SquadView[] {
    const live = new Map(rooms.map((room) => [room.key, room]));
    const assigned = new Set<RoomKey>();
    const rows = new Map<RoomKey, { view: RoomView | undefined; row: RoomRow }>();
    const built = new Map<string, SquadView>();
    const rowFor = (
      key: RoomKey,
      room_id: string,
      platform: Platform,
      display_name: string,
      daily_goal_tokens: number,
      view: RoomView | undefined,
    ): RoomRow => {
      const previous = this.rows.get(key);
      const row =
        previous &&
        previous.view === view &&
        previous.row.display_name === display_name &&
        previous.row.daily_goal_tokens === daily_goal_tokens
          ? previous.row
          : toRow(key, room_id, platform, display_name, daily_goal_tokens, view);
      rows.set(key, { view, row });
      return row;
    };
    const squadFor = (id: string, name: string, squadRows: RoomRow[]): SquadView => {
      const previous = this.built.get(id);
      const squad =
        previous && previous.name === name && sameItems(previous.rooms, squadRows)
          ? previous
          : withTotals(id, name, squadRows);
      built.set(id, squad);
      return squad;
    };

    const squads: SquadView[] = [];
    for (const squad of roster?.squads ?? []) {
      const squadRows: RoomRow[] = [];
      for (const entry of squad.rooms) {
        const key = roomKey(entry.platform, entry.room_id);
        if (assigned.has(key)) continue;
        assigned.add(key);
        squadRows.push(
          rowFor(
            key,
            entry.room_id,
            entry.platform,
            entry.display_name,
            entry.daily_goal_tokens,
            live.get(key),
          ),
        );
      }
      squads.push(squadFor(squad.id, squad.name, squadRows));
    }
    const unassigned = rooms
      .filter((room) => !assigned.has(room.key))
      .map((room) => rowFor(room.key, room.room_id, room.platform, room.room_id, 0, room));
    if (unassigned.length > 0)
      squads.push(squadFor(UNASSIGNED_SQUAD_ID, UNASSIGNED_SQUAD_NAME, unassigned));
    this.rows = rows;
    this.built = built;
    return squads;
  }

  arrange(squads: readonly SquadView[], filter: RoomFilter, sort: SquadSort): SquadView[] {
    const text = filter.text.trim().toLowerCase();
    const filtering = text !== '' || filter.platform !== 'all';
    const how = `${sort}\u0000${filter.platform}\u0000${text}`;
    const arranged = new Map<
      string,
      { source: SquadView; how: string; result: SquadView | null }
    >();
    const result: SquadView[] = [];
    for (const squad of squads) {
      const previous = this.arranged.get(squad.id);
      const shown =
        previous && previous.source === squad && previous.how === how
          ? previous.result
          : arrangeOne(squad, text, filter.platform, filtering, sort);
      arranged.set(squad.id, { source: squad, how, result: shown });
      if (shown) result.push(shown);
    }
    this.arranged = arranged;
    return result.sort((a, b) => compareBy(a[sort], b[sort], a.name, b.name));
  }
}

/** One squad filtered and sorted; null when filtering leaves it without rooms. */
function arrangeOne(
  squad: SquadView,
  text: string,
  platform: Platform | 'all',
  filtering: boolean,
  sort: SquadSort,
): SquadView | null {
  const squadMatches = text !== '' && squad.name.toLowerCase().includes(text);
  const rooms = filtering
    ? squad.rooms.filter(
        (room) =>
          (platform === 'all' || room.platform === platform) &&
          (text === '' ||
            squadMatches ||
            room.display_name.toLowerCase().includes(text) ||
            room.room_id.toLowerCase().includes(text)),
      )
    : squad.rooms;
  if (filtering && rooms.length === 0) return null;
  const sorted = [...rooms].sort((a, b) =>
    compareBy(a[sort] ?? -1, b[sort] ?? -1, a.display_name, b.display_name),
  );
  return rooms === squad.rooms
    ? { ...squad, rooms: sorted }
    : withTotals(squad.id, squad.name, sorted);
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Orders names as `localeCompare` does, without building a collator per comparison. */
export const NAME_ORDER = new Intl.Collator();

function compareBy(a: number, b: number, nameA: string, nameB: string): number {
  return b - a || NAME_ORDER.compare(nameA, nameB);
}

function toRow(
  key: RoomKey,
  room_id: string,
  platform: Platform,
  display_name: string,
  daily_goal_tokens: number,
  room: RoomView | undefined,
): RoomRow {
  return {
    key,
    room_id,
    platform,
    display_name,
    daily_goal_tokens,
    tokens: room?.tokens ?? null,
    tips: room?.tips ?? null,
    viewers: room?.viewers ?? null,
    status: room?.status ?? 'offline',
    ageMs: room?.ageMs ?? null,
    tokensPerMinute: room?.tokensPerMinute ?? 0,
  };
}

function withTotals(id: string, name: string, rooms: readonly RoomRow[]): SquadView {
  let tokens = 0;
  let tips = 0;
  let viewers = 0;
  let goalProgressTokens = 0;
  let goalTokens = 0;
  let roomsLive = 0;
  for (const room of rooms) {
    tokens += room.tokens ?? 0;
    tips += room.tips ?? 0;
    if (room.status !== 'offline') viewers += room.viewers ?? 0;
    if (room.status === 'live') roomsLive++;
    if (room.daily_goal_tokens > 0) {
      goalTokens += room.daily_goal_tokens;
      goalProgressTokens += room.tokens ?? 0;
    }
  }
  return { id, name, rooms, tokens, tips, viewers, goalProgressTokens, goalTokens, roomsLive };
}
