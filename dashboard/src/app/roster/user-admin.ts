import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { ROLES, type UserView } from '@roompulse/contracts';
import { AuthService } from '../auth/auth.service';
import { apiErrorMessage } from '../shared/api-error';
import { RosterApi } from './roster-api';
import { createUserForm, createUserRequest, userFieldError } from './user-form';

/** Lists users, creates one with a role, deletes one (after a confirmation step). */
@Component({
  selector: 'rp-user-admin',
  imports: [ReactiveFormsModule],
  templateUrl: './user-admin.html',
  styleUrl: './user-admin.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserAdmin {
  private readonly api = inject(RosterApi);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly roles = ROLES;
  protected readonly currentUser = inject(AuthService).user;
  protected readonly users = signal<UserView[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly form = createUserForm();

  constructor() {
    this.load();
  }

  protected load(): void {
    this.api
      .listUsers()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (users) =>
          this.users.set([...users].sort((a, b) => a.username.localeCompare(b.username))),
        error: (error: unknown) =>
          this.error.set(apiErrorMessage(error, 'Could not load the users')),
      });
  }

  protected showError(control: AbstractControl): string | null {
    return control.touched || control.dirty ? userFieldError(control) : null;
  }

  protected create(): void {
    this.error.set(null);
    this.notice.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.api
      .createUser(createUserRequest(this.form))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (user) => {
          this.busy.set(false);
          this.notice.set(`Created ${user.username} (${user.role}).`);
          this.form.reset();
          this.load();
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set(apiErrorMessage(error, 'Could not create the user'));
        },
      });
  }

  protected remove(username: string): void {
    this.error.set(null);
    this.notice.set(null);
    this.busy.set(true);
    this.api
      .deleteUser(username)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.busy.set(false);
          this.confirming.set(null);
          this.notice.set(`Deleted ${username}.`);
          this.load();
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.confirming.set(null);
          this.error.set(apiErrorMessage(error, 'Could not delete the user'));
        },
      });
  }
}
