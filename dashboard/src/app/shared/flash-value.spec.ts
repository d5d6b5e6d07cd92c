import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { DELTA_MS, FLASH_MS } from './flash';
import { FlashValue } from './flash-value';

@Component({
  imports: [FlashValue],
  template: `<rp-flash-value data-figure="tokens" [value]="value()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly value = signal<number | null>(100);
}

describe(FlashValue.name, () => {
  let fixture: ComponentFixture<Host>;
  let cell: HTMLElement;

  function setValue(value: number | null): void {
    fixture.componentInstance.value.set(value);
    fixture.detectChanges();
  }

  function advance(ms: number): void {
    jest.advanceTimersByTime(ms);
    fixture.detectChanges();
  }

  const delta = () => cell.querySelector('.delta')?.textContent?.trim() ?? null;

  beforeEach(() => {
    jest.useFakeTimers();
    fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    cell = fixture.nativeElement.querySelector('[data-figure="tokens"]');
  });

  afterEach(() => jest.useRealTimers());

  it('shows the figure without flashing at first', () => {
    expect(cell.querySelector('.value')?.textContent).toBe('100');
    expect(cell.getAttribute('data-value')).toBe('100');
    expect(cell.classList).not.toContain('flash-up');
    expect(cell.classList).not.toContain('flash-down');
    expect(delta()).toBeNull();
  });

  it('flashes green (flash-up) with +delta on an increase, for 600 ms', () => {
    setValue(125);

    expect(cell.querySelector('.value')?.textContent).toBe('125');
    expect(cell.classList).toContain('flash-up');
    expect(cell.classList).not.toContain('flash-down');
    expect(delta()).toBe('+25');

    advance(FLASH_MS - 1);
    expect(cell.classList).toContain('flash-up');
    advance(1);
    expect(cell.classList).not.toContain('flash-up');
    expect(delta()).toBe('+25');

    advance(DELTA_MS - FLASH_MS);
    expect(delta()).toBeNull();
  });

  it('flashes red (flash-down) with -delta on a decrease', () => {
    setValue(90);

    expect(cell.classList).toContain('flash-down');
    expect(cell.classList).not.toContain('flash-up');
    expect(delta()).toBe('-10');
    expect(cell.querySelector('.delta')?.classList).toContain('down');
  });

  it('restarts the flash when the figure changes mid-flash', () => {
    setValue(110);
    const firstRun = cell.classList.contains('flash-again');
    advance(400);

    setValue(130);
    expect(cell.classList).toContain('flash-up');
    // The alternating class switches the CSS animation, which restarts it.
    expect(cell.classList.contains('flash-again')).toBe(!firstRun);
    expect(delta()).toBe('+20');

    advance(400); // 800 ms after the first change, 400 ms after the second
    expect(cell.classList).toContain('flash-up');
    advance(200);
    expect(cell.classList).not.toContain('flash-up');
  });

  it('switches colour when the direction changes mid-flash', () => {
    setValue(150);
    advance(100);
    setValue(140);

    expect(cell.classList).toContain('flash-down');
    expect(cell.classList).not.toContain('flash-up');
    expect(delta()).toBe('-10');
  });

  it('does not flash when a figure first becomes known', () => {
    setValue(null);
    expect(cell.querySelector('.value')?.textContent).toBe('—');
    setValue(40);
    expect(cell.classList).not.toContain('flash-up');
    expect(delta()).toBeNull();
  });
});
