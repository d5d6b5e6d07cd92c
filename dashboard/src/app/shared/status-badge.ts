import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { RoomStatus } from './room-status';

const LABELS: Record<RoomStatus, string> = { live: 'Live', stale: 'Stale', offline: 'Offline' };

/** Live / stale / offline pill; `data-status` carries the state for styling and tests. */
@Component({
  selector: 'rp-status-badge',
  template: `<span class="dot" aria-hidden="true"></span>{{ label() }}`,
  styleUrl: './status-badge.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[attr.data-status]': 'status()',
    '[attr.title]': 'description()',
  },
})
export class StatusBadge {
  readonly status = input.required<RoomStatus>();
  /** Time since the last update, ms; null when the room never sent any. */
  readonly ageMs = input<number | null>(null);

  protected readonly label = computed(() => LABELS[this.status()]);
  protected readonly description = computed(() => {
    const age = this.ageMs();
    return age === null ? 'No update received' : `Last update ${formatAge(age)} ago`;
  });
}

/** `12 s`, `4 min`, `2 h`. */
export function formatAge(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h`;
}
