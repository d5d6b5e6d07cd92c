import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A headline figure; the figure itself is projected (usually an `rp-flash-value`). */
@Component({
  selector: 'rp-kpi-card',
  template: `
    <h2 class="label">{{ label() }}</h2>
    <div class="figure"><ng-content /></div>
  `,
  styleUrl: './kpi-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-kpi]': 'kpi()' },
})
export class KpiCard {
  /** `tokens`, `tips`, `viewers`, `rooms`: stable hook for styling and tests. */
  readonly kpi = input.required<string>();
  readonly label = input.required<string>();
}
