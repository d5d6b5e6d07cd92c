import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatFigure } from './flash';

/** How far `value` is towards `goal`, in percent (may exceed 100); null without a goal. */
export function progressPercent(value: number, goal: number): number | null {
  if (!(goal > 0)) return null;
  return Math.max(0, Math.round((value / goal) * 100));
}

/**
 * Progress towards a goal as an accessible `progressbar` (`aria-valuenow` etc.). A goal of 0 means
 * "no goal" and shows as such. `data-progress` carries the percentage.
 */
@Component({
  selector: 'rp-progress-bar',
  template: `@if (percent() !== null) {
      <span class="track"><span class="fill" [style.width.%]="width()"></span></span>
      <span class="text">{{ percent() }}%</span>
    } @else {
      <span class="text none">No goal</span>
    }`,
  styleUrl: './progress-bar.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[attr.role]': "percent() === null ? null : 'progressbar'",
    '[attr.aria-label]': 'label()',
    '[attr.aria-valuemin]': 'percent() === null ? null : 0',
    '[attr.aria-valuemax]': 'percent() === null ? null : goal()',
    '[attr.aria-valuenow]': 'percent() === null ? null : value()',
    '[attr.aria-valuetext]': 'valueText()',
    '[attr.data-progress]': 'percent()',
    '[class.done]': '(percent() ?? 0) >= 100',
  },
})
export class ProgressBar {
  readonly value = input.required<number>();
  readonly goal = input.required<number>();
  readonly label = input.required<string>();

  protected readonly percent = computed(() => progressPercent(this.value(), this.goal()));
  protected readonly width = computed(() => Math.min(100, this.percent() ?? 0));
  protected readonly valueText = computed(() =>
    this.percent() === null
      ? 'No goal'
      : `${formatFigure(this.value())} of ${formatFigure(this.goal())} tokens (${this.percent()}%)`,
  );
}
