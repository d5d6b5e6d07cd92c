import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { apiErrorMessage } from '../shared/api-error';
import { AuthService, IngestOnlyAccountError } from './auth.service';

/** Username/password sign-in; shows why the user landed here (expired session, signed out). */
@Component({
  selector: 'rp-login-page',
  imports: [ReactiveFormsModule],
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly router = inject(Router);

  /** Where to go after signing in (query parameter, bound by the router). */
  readonly returnUrl = input<string>();

  protected readonly notice = this.auth.notice;
  protected readonly error = signal<string | null>(null);
  protected readonly submitting = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, Validators.maxLength(64)]],
    password: ['', [Validators.required, Validators.maxLength(256)]],
  });

  protected signIn(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set(null);
    this.auth
      .login(username.trim(), password)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.submitting.set(false);
          void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          this.error.set(loginErrorMessage(error));
        },
      });
  }
}

/** Only same-app paths: `/x`, never `//evil.example` or an absolute URL. */
export function safeReturnUrl(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login')
    ? value
    : '/';
}

export function loginErrorMessage(error: unknown): string {
  if (error instanceof IngestOnlyAccountError) return error.message;
  if (error instanceof HttpErrorResponse && error.status === 401)
    return 'Wrong username or password.';
  if (error instanceof HttpErrorResponse && error.status === 429) {
    return 'Too many attempts. Wait a moment and try again.';
  }
  return apiErrorMessage(error, 'Sign-in failed');
}
