import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import {
  DELTA_MS,
  FLASH_MS,
  flashDirection,
  formatDelta,
  formatFigure,
  type FlashDirection,
} from './flash';
import { FlashTimers } from './flash-timers';

/**
 * A figure that flashes when it changes: green (`flash-up`) for an increase, red (`flash-down`)
 * for a decrease, fading over {@link FLASH_MS}, with the delta (`+25`) shown for {@link DELTA_MS}.
 * A change during a flash restarts it (the `flash-again` class alternates, which switches the CSS
 * animation and so restarts it). Under `prefers-reduced-motion` nothing animates; the classes and
 * the delta still appear.
 *
 * The host carries `data-value` (the raw number, empty when unknown) for tests and tooling.
 */
@Component({
  selector: 'rp-flash-value',
  template: `<span class="value">{{ text() }}</span>
    @if (delta(); as shown) {
      <span
        class="delta"
        [class.down]="shown.direction === 'down'"
        [class.again]="again()"
        aria-hidden="true"
        >{{ shown.text }}</span
      >
    }`,
  styleUrl: './flash-value.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class.flash-up]': "flash() === 'up'",
    '[class.flash-down]': "flash() === 'down'",
    '[class.flash-again]': 'again()',
    '[attr.data-value]': 'value()',
  },
})
export class FlashValue {
  readonly value = input.required<number | null>();

  protected readonly flash = signal<FlashDirection | null>(null);
  protected readonly again = signal(false);
  protected readonly delta = signal<{ text: string; direction: FlashDirection } | null>(null);
  protected readonly text = computed(() => formatFigure(this.value()));

  private readonly timers = inject(FlashTimers);
  private cancelFlashEnd: (() => void) | undefined;
  private cancelDeltaEnd: (() => void) | undefined;

  constructor() {
    let previous: number | null | undefined;
    effect(() => {
      const next = this.value();
      const direction = flashDirection(previous, next);
      if (direction && previous !== null && previous !== undefined && next !== null) {
        const change = next - previous;
        untracked(() => this.start(direction, change));
      }
      previous = next;
    });
    inject(DestroyRef).onDestroy(() => {
      this.cancelFlashEnd?.();
      this.cancelDeltaEnd?.();
    });
  }

  private start(direction: FlashDirection, change: number): void {
    this.cancelFlashEnd?.();
    this.cancelDeltaEnd?.();
    this.flash.set(direction);
    this.again.update((value) => !value);
    this.delta.set({ text: formatDelta(change), direction });
    this.cancelFlashEnd = this.timers.schedule(FLASH_MS, () => this.flash.set(null));
    this.cancelDeltaEnd = this.timers.schedule(DELTA_MS, () => this.delta.set(null));
  }
}
