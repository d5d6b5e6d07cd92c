import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Roster } from '@roompulse/contracts';
import {
  FakeClock,
  FakeRealtime,
  ManualFrames,
  snapshot,
  stored,
  update,
} from '../../testing/fakes';
import { RealtimeService } from '../realtime/realtime.service';
import { ROSTER_URL } from '../roster/roster-api';
import { Clock } from '../shared/clock';
import { ANIMATION_FRAME } from './animation-frame';
import { GodModePage } from './god-mode-page';
import { RoomStateStore } from './room-state.store';

const T0 = 1_760_000_000;
const T0_MS = T0 * 1000;

const roster: Roster = {
  squads: [
    {
      id: 'north',
      name: 'North',
      rooms: [
        {
          room_id: 'alice',
          platform: 'chaturbate',
          display_name: 'Alice',
          daily_goal_tokens: 1000,
        },
        { room_id: 'bella', platform: 'stripchat', display_name: 'Bella', daily_goal_tokens: 0 },
      ],
    },
  ],
};

describe(GodModePage.name, () => {
  let fixture: ComponentFixture<GodModePage>;
  let realtime: FakeRealtime;
  let frames: ManualFrames;
  let clock: FakeClock;
  let root: HTMLElement;

  const $ = (selector: string) => root.querySelector<HTMLElement>(selector);
  const $$ = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
  const figure = (room: string, name: string) => $(`[data-room="${room}"] [data-figure="${name}"]`);
  const render = () => fixture.detectChanges();

  function deliverFrame(): void {
    frames.flush();
    render();
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: T0_MS });
    realtime = new FakeRealtime();
    frames = new ManualFrames();
    clock = new FakeClock(T0_MS);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: Clock, useValue: clock },
        { provide: ANIMATION_FRAME, useValue: frames.schedule },
      ],
    });
    TestBed.overrideComponent(GodModePage, {
      set: { providers: [{ provide: RealtimeService, useValue: realtime }, RoomStateStore] },
    });
    fixture = TestBed.createComponent(GodModePage);
    root = fixture.nativeElement;
    render();

    jest.advanceTimersByTime(0);
    TestBed.inject(HttpTestingController).expectOne(ROSTER_URL).flush(roster);
  });

  afterEach(() => {
    fixture.destroy();
    jest.useRealTimers();
  });

  function connectWithSnapshot(): void {
    realtime.state$.next('connected');
    realtime.snapshots$.next(
      snapshot(
        [
          stored('alice', 'chaturbate', { tokens: 100, tips: 3, viewers: 40 }, T0 - 2),
          stored('dora', 'camsoda', { tokens: 50, tips: 1, viewers: 10 }, T0 - 2),
        ],
        T0_MS,
      ),
    );
    deliverFrame();
  }

  it('shows a loading state until the first snapshot', () => {
    expect(realtime.connected).toBe(1);
    expect($('[data-state="loading"]')).not.toBeNull();
    expect($('[data-connection="connecting"]')).not.toBeNull();
    expect($('[data-kpi="tokens"] [data-figure="tokens"]')?.textContent).toContain('—');
  });

  it('says no rooms are live yet when the snapshot is empty', () => {
    realtime.state$.next('connected');
    realtime.snapshots$.next(snapshot([], T0_MS));
    deliverFrame();

    expect($('[data-state="loading"]')).toBeNull();
    expect($('[data-state="empty"]')?.textContent).toContain('No rooms live yet');
    // Roster rooms are listed, offline, without figures.
    expect($('[data-room="chaturbate:alice"] [data-status]')?.getAttribute('data-status')).toBe(
      'offline',
    );
  });

  it('renders the snapshot: KPIs, roster squads, Unassigned rooms, heat map tiles', () => {
    connectWithSnapshot();

    expect($('[data-connection="connected"]')).not.toBeNull();
    expect($('[data-kpi="tokens"] [data-figure="tokens"]')?.getAttribute('data-value')).toBe('150');
    expect($('[data-kpi="tips"] [data-figure="tips"]')?.getAttribute('data-value')).toBe('4');
    expect($('[data-kpi="viewers"] [data-figure="viewers"]')?.getAttribute('data-value')).toBe(
      '50',
    );
    expect($('[data-kpi="rooms"] [data-figure="rooms-live"]')?.getAttribute('data-value')).toBe(
      '2',
    );
    expect($('[data-kpi="rooms"] [data-figure="rooms-known"]')?.textContent).toBe('3');

    expect(figure('chaturbate:alice', 'tokens')?.textContent?.trim()).toBe('100');
    expect(figure('chaturbate:alice', 'viewers')?.getAttribute('data-value')).toBe('40');
    expect($('[data-room="chaturbate:alice"] [data-status]')?.getAttribute('data-status')).toBe(
      'live',
    );
    expect(
      $('[data-room="chaturbate:alice"] [role="progressbar"]')?.getAttribute('aria-valuenow'),
    ).toBe('100');
    expect($('[data-squad="unassigned"] [data-room="camsoda:dora"]')).not.toBeNull();
    expect($$('[data-tile]').map((tile) => tile.getAttribute('data-tile'))).toEqual([
      'chaturbate:alice',
      'stripchat:bella',
      'camsoda:dora',
    ]);
  });

  it('flashes an increased figure green with its delta, then a decreased one red', () => {
    connectWithSnapshot();

    realtime.updates$.next(
      update('alice', 'chaturbate', { tokens: 125, tips: 3, viewers: 38 }, T0),
    );
    deliverFrame();

    const tokens = figure('chaturbate:alice', 'tokens');
    expect(tokens?.getAttribute('data-value')).toBe('125');
    expect(tokens?.classList).toContain('flash-up');
    expect(tokens?.textContent).toContain('+25');
    expect(figure('chaturbate:alice', 'viewers')?.classList).toContain('flash-down');
    expect(figure('chaturbate:alice', 'tips')?.classList).not.toContain('flash-up');
    expect($('[data-kpi="tokens"] [data-figure="tokens"]')?.classList).toContain('flash-up');

    jest.advanceTimersByTime(600);
    render();
    expect(tokens?.classList).not.toContain('flash-up');

    realtime.updates$.next(
      update('alice', 'chaturbate', { tokens: 120, tips: 3, viewers: 38 }, T0 + 1),
    );
    deliverFrame();
    expect(tokens?.classList).toContain('flash-down');
    expect(tokens?.textContent).toContain('-5');
  });

  function reportRendering(squadId: string, rendered: boolean): void {
    const card = $(`rp-squad-card[data-squad="${squadId}"]`);
    card?.dispatchEvent(
      Object.assign(new Event('contentvisibilityautostatechange'), { skipped: !rendered }),
    );
    render();
  }

  it('leaves a card the browser skips (off screen) as it was, and catches it up when shown', () => {
    connectWithSnapshot();
    reportRendering('north', false);

    realtime.updates$.next(
      update('alice', 'chaturbate', { tokens: 180, tips: 3, viewers: 40 }, T0),
    );
    deliverFrame();
    // The totals and the heat map move; the skipped card keeps what it showed.
    expect($('[data-kpi="tokens"] [data-figure="tokens"]')?.getAttribute('data-value')).toBe('230');
    expect(figure('chaturbate:alice', 'tokens')?.getAttribute('data-value')).toBe('100');
    expect($('[data-squad="north"] [data-figure="tokens"]')?.getAttribute('data-value')).toBe(
      '100',
    );

    reportRendering('north', true);
    const tokens = figure('chaturbate:alice', 'tokens');
    expect(tokens?.getAttribute('data-value')).toBe('180');
    expect(tokens?.classList).toContain('flash-up');
    expect(tokens?.textContent).toContain('+80');

    // Shown again, it follows every update.
    realtime.updates$.next(
      update('alice', 'chaturbate', { tokens: 190, tips: 3, viewers: 40 }, T0 + 1),
    );
    deliverFrame();
    expect(figure('chaturbate:alice', 'tokens')?.getAttribute('data-value')).toBe('190');
  });

  it('orders the cards by the current figures even while some are off screen', () => {
    connectWithSnapshot();
    const order = () => $$('rp-squad-card').map((card) => card.getAttribute('data-squad'));
    expect(order()).toEqual(['north', 'unassigned']);
    reportRendering('unassigned', false);

    realtime.updates$.next(update('dora', 'camsoda', { tokens: 500, tips: 1, viewers: 10 }, T0));
    deliverFrame();
    expect(order()).toEqual(['unassigned', 'north']);
  });

  it('keeps the figures while reconnecting and marks them possibly stale', () => {
    connectWithSnapshot();

    realtime.state$.next('reconnecting');
    render();

    expect($('[data-connection="reconnecting"]')?.textContent).toContain(
      'Figures may be out of date',
    );
    expect($('[data-possibly-stale="true"]')).not.toBeNull();
    expect(figure('chaturbate:alice', 'tokens')?.getAttribute('data-value')).toBe('100');

    realtime.state$.next('connected');
    render();
    expect($('[data-possibly-stale="true"]')).toBeNull();
  });

  it('turns a room stale as time passes, without new data', () => {
    connectWithSnapshot();
    const badge = () =>
      $('[data-room="chaturbate:alice"] [data-status]')?.getAttribute('data-status');

    clock.advance(27_999);
    render();
    expect(badge()).toBe('live');
    clock.advance(1);
    render();
    expect(badge()).toBe('stale');
  });

  it('filters rooms by text and by platform', () => {
    connectWithSnapshot();
    const filter = $('[data-filter="text"]') as HTMLInputElement;
    filter.value = 'dor';
    filter.dispatchEvent(new Event('input'));
    render();
    expect($$('[data-room]').map((row) => row.getAttribute('data-room'))).toEqual(['camsoda:dora']);

    filter.value = '';
    filter.dispatchEvent(new Event('input'));
    const platform = $('[data-filter="platform"]') as HTMLSelectElement;
    platform.value = 'stripchat';
    platform.dispatchEvent(new Event('change'));
    render();
    expect($$('[data-room]').map((row) => row.getAttribute('data-room'))).toEqual([
      'stripchat:bella',
    ]);
  });

  it('sorts squads and rooms by viewers on request', () => {
    connectWithSnapshot();
    ($('[data-sort="viewers"]') as HTMLButtonElement).click();
    render();

    expect($('[data-sort="viewers"]')?.getAttribute('aria-pressed')).toBe('true');
    expect($$('[data-squad]').map((card) => card.getAttribute('data-squad'))).toEqual([
      'north',
      'unassigned',
    ]);
    expect(
      $$('[data-squad="north"] [data-room]').map((row) => row.getAttribute('data-room')),
    ).toEqual(['chaturbate:alice', 'stripchat:bella']);
  });
});
