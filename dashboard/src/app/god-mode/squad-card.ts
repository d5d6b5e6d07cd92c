import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
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
    '(contentvisibilityautostatechange)': 'visibilityChanged($event)',
  },
})
export class SquadCard {
  readonly squad = input.required<SquadView>();
  /**
   * Whether the browser renders the card (`content-visibility: auto` skips cards far from the
   * viewport and says so with this event); browsers without the event never report off screen.
   */
  readonly renderedChange = output<boolean>();

  protected visibilityChanged(event: Event): void {
    const skipped = (event as Event & { skipped?: unknown }).skipped;
    if (typeof skipped === 'boolean') this.renderedChange.emit(!skipped);
  }
}
