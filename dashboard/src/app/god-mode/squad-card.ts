import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FlashValue } from '../shared/flash-value';
import { ProgressBar } from '../shared/progress-bar';
import { StatusBadge } from '../shared/status-badge';
import type { SquadView } from './squad-view';

/**
 * A squad with its totals, its progress towards the sum of its rooms' goals, and one row per
 * room (`data-room="<platform>:<room_id>"`, figures in `data-figure` cells).
 */
@Component({
  selector: 'rp-squad-card',
  imports: [FlashValue, ProgressBar, StatusBadge],
  templateUrl: './squad-card.html',
  styleUrl: './squad-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[attr.data-squad]': 'squad().id',
    '[style.--rp-rows]': 'squad().rooms.length',
  },
})
export class SquadCard {
  readonly squad = input.required<SquadView>();
}
