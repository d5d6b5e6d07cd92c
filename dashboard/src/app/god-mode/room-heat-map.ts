import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatFigure } from '../shared/flash';
import { heatLevel } from './activity';
import type { RoomKey } from './room-key';
import type { RoomRow } from './squad-view';

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
 * One tile per room coloured by tokens per minute over the last few minutes (`data-heat` 0–5,
 * relative to the busiest room), in a stable alphabetical order so that tiles do not move. The
 * name and figure show on hover and on keyboard focus; `title`/`aria-label` carry the same.
 */
@Component({
  selector: 'rp-room-heat-map',
  template: `
    <ul class="tiles" aria-label="Rooms by activity">
      @for (tile of tiles(); track tile.key) {
        <li
          class="tile"
          tabindex="0"
          [attr.data-tile]="tile.key"
          [attr.data-heat]="tile.level"
          [attr.data-status]="tile.status"
          [attr.title]="tile.label"
          [attr.aria-label]="tile.label"
        >
          <span class="initials" aria-hidden="true">{{ tile.initials }}</span>
          <span class="tip" aria-hidden="true">
            <strong>{{ tile.name }}</strong>
            {{ tile.figure }}
          </span>
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
})
export class RoomHeatMap {
  readonly rooms = input.required<readonly RoomRow[]>();

  protected readonly levels = [0, 1, 2, 3, 4, 5];

  protected readonly tiles = computed<Tile[]>(() => {
    const rooms = [...this.rooms()].sort(
      (a, b) => a.display_name.localeCompare(b.display_name) || a.key.localeCompare(b.key),
    );
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
}

function initials(name: string): string {
  const words = name.split(/[\s_.-]+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : name.slice(0, 2);
  return letters.toUpperCase();
}
