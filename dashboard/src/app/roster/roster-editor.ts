import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { PLATFORMS } from '@roompulse/contracts';
import { apiErrorMessage } from '../shared/api-error';
import { RosterApi } from './roster-api';
import {
  createRoomForm,
  createRosterForm,
  createSquadForm,
  fieldError,
  rosterFromForm,
  type RosterForm,
  type SquadForm,
} from './roster-form';

/** Edits squads and their rooms, then replaces the roster with `PUT /api/roster`. */
@Component({
  selector: 'rp-roster-editor',
  imports: [ReactiveFormsModule],
  templateUrl: './roster-editor.html',
  styleUrl: './roster-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RosterEditor {
  private readonly api = inject(RosterApi);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly platforms = PLATFORMS;
  protected readonly form = signal<RosterForm | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saveError = signal<string | null>(null);
  protected readonly saved = signal(false);
  protected readonly saving = signal(false);
  protected readonly fieldError = fieldError;

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.saveError.set(null);
    this.saved.set(false);
    this.api
      .getRoster()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (roster) => this.form.set(createRosterForm(roster)),
        error: (error: unknown) =>
          this.loadError.set(apiErrorMessage(error, 'Could not load the roster')),
      });
  }

  protected addSquad(form: RosterForm): void {
    form.push(createSquadForm());
    this.saved.set(false);
  }

  protected removeSquad(form: RosterForm, index: number): void {
    form.removeAt(index);
    form.markAsDirty();
    this.saved.set(false);
  }

  protected addRoom(form: RosterForm, squad: SquadForm): void {
    squad.controls.rooms.push(createRoomForm());
    form.updateValueAndValidity();
    this.saved.set(false);
  }

  protected removeRoom(form: RosterForm, squad: SquadForm, index: number): void {
    squad.controls.rooms.removeAt(index);
    form.markAsDirty();
    form.updateValueAndValidity();
    this.saved.set(false);
  }

  protected showError(control: AbstractControl): string | null {
    return control.touched || control.dirty ? fieldError(control) : null;
  }

  protected save(form: RosterForm): void {
    this.saved.set(false);
    this.saveError.set(null);
    if (form.invalid) {
      form.markAllAsTouched();
      this.saveError.set('Fix the highlighted fields before saving.');
      return;
    }
    this.saving.set(true);
    this.api
      .saveRoster(rosterFromForm(form))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (roster) => {
          this.saving.set(false);
          this.saved.set(true);
          this.form.set(createRosterForm(roster));
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.saveError.set(apiErrorMessage(error, 'Could not save the roster'));
        },
      });
  }
}
