import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { PLATFORMS, isPlatform, type Platform, type Roster } from '@roompulse/contracts';
import { catchError, map, of, scan, switchMap, timer } from 'rxjs';
import { RealtimeService } from '../realtime/realtime.service';
import { RosterApi } from '../roster/roster-api';
import { apiErrorMessage } from '../shared/api-error';
import { formatFigure } from '../shared/flash';
import { FlashValue } from '../shared/flash-value';
import { ConnectionIndicator } from './connection-indicator';
import { KpiCard } from './kpi-card';
import { RoomHeatMap } from './room-heat-map';
import { RoomStateStore } from './room-state.store';
import { SquadCard } from './squad-card';
import { SquadBoard, type SquadSort, type SquadView } from './squad-view';

/** The roster changes rarely; a big screen left on all shift picks up edits this often. */
const ROSTER_REFRESH_MS = 60_000;

interface RosterState {
  roster: Roster | null;
  error: string | null;
}

/**
 * God Mode: KPIs, squad cards, the heat map and the connection indicator, for a big screen.
 * Owns its realtime connection and room store: they open with the screen and close with it.
 */
@Component({
  selector: 'rp-god-mode-page',
  imports: [ConnectionIndicator, FlashValue, KpiCard, RoomHeatMap, SquadCard],
  providers: [RealtimeService, RoomStateStore],
  templateUrl: './god-mode-page.html',
  styleUrl: './god-mode-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GodModePage {
  private readonly store = inject(RoomStateStore);
  private readonly rosterApi = inject(RosterApi);

  protected readonly platforms = PLATFORMS;
  protected readonly filterText = signal('');
  protected readonly platform = signal<Platform | 'all'>('all');
  protected readonly sort = signal<SquadSort>('tokens');

  private readonly rosterState = toSignal(
    timer(0, ROSTER_REFRESH_MS).pipe(
      switchMap(() =>
        this.rosterApi.getRoster().pipe(
          map((roster) => ({ roster, error: null })),
          catchError((error: unknown) =>
            of({ roster: null, error: apiErrorMessage(error, 'Could not load the roster') }),
          ),
        ),
      ),
      // A failed refresh keeps the roster loaded before.
      scan(
        (state: RosterState, result: RosterState): RosterState => ({
          roster: result.roster ?? state.roster,
          error: result.error,
        }),
        { roster: null, error: null },
      ),
    ),
    { initialValue: { roster: null, error: null } },
  );

  protected readonly connection = this.store.connection;
  protected readonly lastUpdateAt = this.store.lastUpdateAt;
  protected readonly totals = this.store.totals;
  protected readonly loading = computed(() => !this.store.loaded());
  protected readonly rosterError = computed(() => this.rosterState().error);
  protected readonly hasTelemetry = computed(() => this.store.roomViews().length > 0);
  /** Lost the feed after having figures: they stay, marked as possibly out of date. */
  protected readonly possiblyStale = computed(
    () => this.store.loaded() && this.connection() !== 'connected',
  );

  private readonly board = new SquadBoard();
  private readonly squads = computed(() =>
    this.board.build(this.rosterState().roster, this.store.roomViews()),
  );
  protected readonly roomsKnown = computed(() =>
    this.squads().reduce((count, squad) => count + squad.rooms.length, 0),
  );
  protected readonly roomsKnownText = computed(() => formatFigure(this.roomsKnown()));
  protected readonly filtering = computed(
    () => this.filterText().trim() !== '' || this.platform() !== 'all',
  );
  protected readonly arranged = computed(() =>
    this.board.arrange(
      this.squads(),
      { text: this.filterText(), platform: this.platform() },
      this.sort(),
    ),
  );
  protected readonly visibleRooms = computed(() => this.arranged().flatMap((squad) => squad.rooms));

  /** Squads whose card the browser currently skips rendering (scrolled out of view). */
  private readonly offScreen = signal<ReadonlySet<string>>(new Set());
  private lastShown = new Map<string, SquadView>();
  /**
   * What each card is given: the arranged squad, except that a card off screen keeps the squad it
   * last showed, so that its view is not checked again for figures nobody can see. It catches up
   * (and flashes what changed meanwhile) as soon as it scrolls back into view. The order of the
   * cards always follows the current figures.
   */
  protected readonly shownSquads = computed(() => {
    const offScreen = this.offScreen();
    const shown = new Map<string, SquadView>();
    const squads = this.arranged().map((squad) => {
      const kept = offScreen.has(squad.id) ? this.lastShown.get(squad.id) : undefined;
      const view = kept ?? squad;
      shown.set(squad.id, view);
      return view;
    });
    this.lastShown = shown;
    return squads;
  });

  constructor() {
    this.store.start();
  }

  protected choosePlatform(value: string): void {
    this.platform.set(isPlatform(value) ? value : 'all');
  }

  protected cardVisibility(squadId: string, onScreen: boolean): void {
    if (this.offScreen().has(squadId) === !onScreen) return;
    this.offScreen.update((ids) => {
      const next = new Set(ids);
      if (onScreen) next.delete(squadId);
      else next.add(squadId);
      return next;
    });
  }

  protected clearFilters(): void {
    this.filterText.set('');
    this.platform.set('all');
  }
}
