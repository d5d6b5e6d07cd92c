import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { roomKey } from './room-key';
import { ROOMY_MAX, RoomHeatMap, densityFor } from './room-heat-map';
import type { RoomRow } from './squad-view';

function row(display_name: string, tokensPerMinute = 0): RoomRow {
  const room_id = display_name.toLowerCase().replace(/\s+/g, '_');
  return {
    key: roomKey('chaturbate', room_id),
    room_id,
    platform: 'chaturbate',
    display_name,
    daily_goal_tokens: 0,
    tokens: 10,
    tips: 0,
    viewers: 1,
    status: 'live',
    ageMs: 0,
    tokensPerMinute,
  };
}

@Component({
  imports: [RoomHeatMap],
  template: `<rp-room-heat-map [rooms]="rooms()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly rooms = signal<readonly RoomRow[]>([]);
}

describe(RoomHeatMap.name, () => {
  let fixture: ComponentFixture<Host>;
  const tiles = () => [...fixture.nativeElement.querySelectorAll('[data-tile]')] as HTMLElement[];
  const names = () => tiles().map((tile) => tile.getAttribute('data-tile'));
  const tabStops = () => tiles().filter((tile) => tile.getAttribute('tabindex') === '0');

  function show(rooms: RoomRow[]): void {
    fixture.componentInstance.rooms.set(rooms);
    fixture.detectChanges();
  }

  function press(key: string): void {
    const from = document.activeElement as HTMLElement;
    from.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    fixture.detectChanges();
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(Host);
    document.body.appendChild(fixture.nativeElement);
    show([row('Cara'), row('alice'), row('Bella', 30)]);
  });

  afterEach(() => fixture.nativeElement.remove());

  it('orders tiles by name whatever order the rooms come in, and keeps it', () => {
    expect(names()).toEqual(['chaturbate:alice', 'chaturbate:bella', 'chaturbate:cara']);
    show([row('Bella', 50), row('Cara'), row('alice')]);
    expect(names()).toEqual(['chaturbate:alice', 'chaturbate:bella', 'chaturbate:cara']);
    show([row('Bella', 50), row('Aaron'), row('Cara'), row('alice')]);
    expect(names()[0]).toBe('chaturbate:aaron');
  });

  it('is a single tab stop that arrow keys, Home and End move', () => {
    expect(tabStops().map((tile) => tile.getAttribute('data-tile'))).toEqual(['chaturbate:alice']);
    tiles()[0].focus();

    press('ArrowRight');
    expect(document.activeElement).toBe(tiles()[1]);
    expect(tabStops()).toEqual([tiles()[1]]);
    press('End');
    expect(document.activeElement).toBe(tiles()[2]);
    press('ArrowRight');
    expect(document.activeElement).toBe(tiles()[2]);
    press('Home');
    expect(document.activeElement).toBe(tiles()[0]);
    press('ArrowLeft');
    expect(document.activeElement).toBe(tiles()[0]);
    expect(tabStops()).toEqual([tiles()[0]]);
  });

  it('keeps the tab stop on the tile last focused, and falls back to the first when it goes', () => {
    tiles()[2].focus();
    fixture.detectChanges();
    show([row('Cara', 5), row('alice'), row('Bella')]);
    expect(tabStops()[0].getAttribute('data-tile')).toBe('chaturbate:cara');

    show([row('alice'), row('Bella')]);
    expect(tabStops().map((tile) => tile.getAttribute('data-tile'))).toEqual(['chaturbate:alice']);
  });

  it('rates heat relative to the busiest room', () => {
    show([row('alice', 0), row('Bella', 100), row('Cara', 10)]);
    expect(tiles().map((tile) => tile.getAttribute('data-heat'))).toEqual(['0', '5', '1']);
  });

  it('turns into small squares without initials past the roomy size', () => {
    expect(densityFor(ROOMY_MAX)).toBe('roomy');
    expect(densityFor(ROOMY_MAX + 1)).toBe('dense');
    const host = () => fixture.nativeElement.querySelector('rp-room-heat-map') as HTMLElement;
    expect(host().getAttribute('data-density')).toBe('roomy');
    expect(tiles()[0].querySelector('.initials')?.textContent).toBe('AL');

    show(Array.from({ length: ROOMY_MAX + 1 }, (_, i) => row(`Room ${i}`)));
    expect(host().getAttribute('data-density')).toBe('dense');
    expect(tiles()).toHaveLength(ROOMY_MAX + 1);
    expect(tiles()[0].querySelector('.initials')).toBeNull();
    expect(tiles()[0].getAttribute('aria-label')).toContain('Room 0 (chaturbate)');
  });
});
