import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ConnectionState } from '../realtime/connection-state';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/**
 * The live feed's state and when figures last arrived. `data-connection` is the state
 * (`connecting`, `connected`, `reconnecting`, `offline`).
 */
@Component({
  selector: 'rp-connection-indicator',
  imports: [DatePipe],
  template: `
    <span class="dot" aria-hidden="true"></span>
    <span class="label">{{ label() }}</span>
    @if (lastUpdateAt(); as at) {
      <span class="last"
        >Last update
        <time [attr.datetime]="at | date: 'yyyy-MM-ddTHH:mm:ss'">{{
          at | date: 'HH:mm:ss'
        }}</time></span
      >
    }
    @if (possiblyStale()) {
      <span class="warning">Figures may be out of date</span>
    }
  `,
  styleUrl: './connection-indicator.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'status',
    'aria-live': 'polite',
    '[attr.data-connection]': 'state()',
  },
})
export class ConnectionIndicator {
  readonly state = input.required<ConnectionState>();
  /** Unix ms, null before anything arrived. */
  readonly lastUpdateAt = input<number | null>(null);

  protected readonly label = computed(() => LABELS[this.state()]);
  protected readonly possiblyStale = computed(
    () => this.lastUpdateAt() !== null && this.state() !== 'connected',
  );
}
