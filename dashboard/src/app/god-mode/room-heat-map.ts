import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { formatFigure } from '../shared/flash';
import { heatLevel } from './activity';
import type { RoomKey } from './room-key';
import { NAME_ORDER, type RoomRow } from './squad-view';

interface Tile {
  readonly key: RoomKey;
  readonly initials: string;
  readonly level: number;
  readonly status: RoomRow['status'];
  readonly name: string;
  readonly figure: string;
  readonly label: string;
}

/**
 * How big the tiles are: with initials and a hover card up to {@link ROOMY_MAX} rooms; small
 * squares beyond, so that a studio of a thousand rooms still fits the map on one screen (and the
 * browser has 30 times less to paint; bench/README.md, B4).
 */
export type HeatMapDensity = 'roomy' | 'dense';
export const ROOMY_MAX = 150;

export function densityFor(rooms: number): HeatMapDensity {
  return rooms <= ROOMY_MAX ? 'roomy' : 'dense';
}

/**
 * One tile per room coloured by tokens per minute over the last few minutes (`data-heat` 0–5,
 * relative to the busiest room), in a stable alphabetical order so that tiles do not move. The
 * name and figure show on hover and on keyboard focus (as a card in the roomy layout, as the
 * tooltip in the dense one); `title`/`aria-label` carry the same.
 *
 * The map is one tab stop, however many rooms: arrow keys move between tiles (up and down by a
 * row of the grid as laid out), Home and End jump to the first and last.
 */
@Component({
  selector: 'rp-room-heat-map',
  template: `
    <ul class="tiles" aria-label="Rooms by activity">
      @for (tile of tiles(); track tile.key) {
        <li
          class="tile"
          [attr.tabindex]="tile.key === tabStop() ? 0 : -1"
          (focus)="focusKey.set(tile.key)"
          [attr.data-tile]="tile.key"
          [attr.data-heat]="tile.level"
          [attr.data-status]="tile.status"
          [attr.title]="tile.label"
          [attr.aria-label]="tile.label"
        >
          @if (roomy()) {
            <span class="initials" aria-hidden="true">{{ tile.initials }}</span>
            <span class="tip" aria-hidden="true">
              <strong>{{ tile.name }}</strong>
              {{ tile.figure }}
            </span>
          }
        </li>
      }
    </ul>
    <p class="legend" aria-hidden="true">
      <span>idle</span>
      @for (level of levels; track level) {
        <span class="swatch" [attr.data-heat]="level"></span>
      }
      <span>busiest</span>
    </p>
  `,
  styleUrl: './room-heat-map.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-density]': 'density()', '(keydown)': 'move($event)' },
})
export class RoomHeatMap {
  readonly rooms = input.required<readonly RoomRow[]>();

  protected readonly levels = [0, 1, 2, 3, 4, 5];
  protected readonly density = computed(() => densityFor(this.rooms().length));
  protected readonly roomy = computed(() => this.density() === 'roomy');
  private readonly order = new AlphabeticalOrder();
  /** The tile that last had focus: where Tab enters the map again. */
  protected readonly focusKey = signal<RoomKey | null>(null);
  protected readonly tabStop = computed(() => {
    const tiles = this.tiles();
    const key = this.focusKey();
    return key !== null && tiles.some((tile) => tile.key === key) ? key : (tiles[0]?.key ?? null);
  });

  protected readonly tiles = computed<Tile[]>(() => {
    const rooms = this.order.sort(this.rooms());
    const busiest = Math.max(0, ...rooms.map((room) => room.tokensPerMinute));
    return rooms.map((room) => {
      const rate = Math.round(room.tokensPerMinute);
      const figure = `${formatFigure(rate)} tokens/min`;
      const name = `${room.display_name} (${room.platform})`;
      return {
        key: room.key,
        initials: initials(room.display_name),
        level: heatLevel(room.tokensPerMinute, busiest),
        status: room.status,
        name,
        figure,
        label: `${name}: ${figure}, ${formatFigure(room.tokens)} tokens, ${room.status}`,
      };
    });
  });

  protected move(event: KeyboardEvent): void {
    const step = STEPS[event.key];
    const from = (event.target as HTMLElement).closest<HTMLElement>('li.tile');
    const list = from?.parentElement;
    if (!step || !from || !list) return;
    const tiles = [...list.children] as HTMLElement[];
    const index = tiles.indexOf(from);
    const next = step(index, gridColumns(list), tiles.length - 1);
    // Past an edge the focus stays where it is (and the page does not scroll either).
    event.preventDefault();
    if (next < 0 || next >= tiles.length) return;
    if (next !== index) tiles[next].focus();
  }
}

const STEPS: Record<string, (index: number, columns: number, last: number) => number> = {
  ArrowRight: (i) => i + 1,
  ArrowLeft: (i) => i - 1,
  ArrowDown: (i, columns) => i + columns,
  ArrowUp: (i, columns) => i - columns,
  Home: () => 0,
  End: (_i, _columns, last) => last,
};

/** Columns of the grid as laid out (the browser resolves `auto-fill` to one size per track). */
function gridColumns(list: HTMLElement): number {
  const tracks = getComputedStyle(list).gridTemplateColumns.trim().split(/\s+/);
  return tracks.length > 0 && tracks.every((track) => /^[\d.]+px$/.test(track)) ? tracks.length : 1;
}

/**
 * Sorts rooms by display name (then key). The rooms arrive in the squads' order, which changes
 * with every figure, while names change only with the roster: the rank of each key is kept and
 * recomputed only when a room or a name is new, so a redraw sorts numbers, not strings.
 */
class AlphabeticalOrder {
  private rank = new Map<RoomKey, { name: string; rank: number }>();

  sort(rooms: readonly RoomRow[]): RoomRow[] {
    if (!this.knows(rooms)) this.rerank(rooms);
    const byRank = new Array<RoomRow | undefined>(this.rank.size);
    for (const room of rooms) byRank[this.rank.get(room.key)!.rank] = room;
    return byRank.filter((room): room is RoomRow => room !== undefined);
  }

  private knows(rooms: readonly RoomRow[]): boolean {
    for (const room of rooms) {
      if (this.rank.get(room.key)?.name !== room.display_name) return false;
    }
    return true;
  }

  private rerank(rooms: readonly RoomRow[]): void {
    const sorted = [...rooms].sort(
      (a, b) => NAME_ORDER.compare(a.display_name, b.display_name) || (a.key < b.key ? -1 : 1),
    );
    this.rank = new Map(sorted.map((room, rank) => [room.key, { name: room.display_name, rank }]));
  }
}

function initials(name: string): string {
  const words = name.split(/[\s_.-]+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : name.slice(0, 2);
  return letters.toUpperCase();
}
