import {
  FormControl,
  FormGroup,
  Validators,
  type AbstractControl,
  type ValidatorFn,
} from '@angular/forms';
import {
  MIN_PASSWORD_LENGTH,
  ROLES,
  USERNAME_PATTERN,
  type CreateUserRequest,
  type Role,
} from '@roompulse/contracts';

/** The password limit of `CreateUserRequest` (its `@MaxLength`). */
export const PASSWORD_MAX_LENGTH = 256;

export type UserForm = FormGroup<{
  username: FormControl<string>;
  password: FormControl<string>;
  role: FormControl<Role>;
}>;

export const roleValidator: ValidatorFn = (control) =>
  (ROLES as readonly unknown[]).includes(control.value) ? null : { role: true };

/** Same rules as the server's `CreateUserRequest`: username pattern, password length, known role. */
export function createUserForm(): UserForm {
  return new FormGroup({
    username: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(USERNAME_PATTERN)],
    }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.minLength(MIN_PASSWORD_LENGTH),
        Validators.maxLength(PASSWORD_MAX_LENGTH),
      ],
    }),
    role: new FormControl<Role>('viewer', {
      nonNullable: true,
      validators: [Validators.required, roleValidator],
    }),
  });
}

export function createUserRequest(form: UserForm): CreateUserRequest {
  const { username, password, role } = form.getRawValue();
  return { username: username.trim(), password, role };
}

export function userFieldError(control: AbstractControl): string | null {
  const errors = control.errors;
  if (!errors) return null;
  if (errors['required']) return 'Required.';
  if (errors['pattern']) return '3–64 characters of A–Z, a–z, 0–9, _ . -';
  if (errors['minlength']) return `At least ${MIN_PASSWORD_LENGTH} characters.`;
  if (errors['maxlength']) return `At most ${PASSWORD_MAX_LENGTH} characters.`;
  if (errors['role']) return `One of: ${ROLES.join(', ')}.`;
  return 'Invalid.';
}
