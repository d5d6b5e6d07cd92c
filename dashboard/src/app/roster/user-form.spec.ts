import { MIN_PASSWORD_LENGTH } from '@roompulse/contracts';
import { createUserForm, createUserRequest, userFieldError } from './user-form';

describe('user form', () => {
  function filled(username = 'ops_lead', password = 'correct horse', role = 'viewer') {
    const form = createUserForm();
    form.setValue({ username, password, role: role as never });
    return form;
  }

  it('accepts a valid user and builds the create request', () => {
    const form = filled('ops.lead-2', 'long enough', 'admin');
    expect(form.valid).toBe(true);
    expect(createUserRequest(form)).toEqual({
      username: 'ops.lead-2',
      password: 'long enough',
      role: 'admin',
    });
  });

  it('starts empty and invalid, with the viewer role', () => {
    const form = createUserForm();
    expect(form.valid).toBe(false);
    expect(form.controls.role.value).toBe('viewer');
    expect(form.controls.username.hasError('required')).toBe(true);
  });

  it.each([
    ['ab', 'pattern'],
    ['has space', 'pattern'],
    ['slash/no', 'pattern'],
    ['u'.repeat(65), 'pattern'],
  ])('rejects username %p', (username, error) => {
    const form = filled(username);
    expect(form.controls.username.hasError(error)).toBe(true);
    expect(userFieldError(form.controls.username)).toBe('3–64 characters of A–Z, a–z, 0–9, _ . -');
  });

  it(`rejects a password shorter than ${MIN_PASSWORD_LENGTH} characters and accepts exactly ${MIN_PASSWORD_LENGTH}`, () => {
    expect(
      filled('ops', 'x'.repeat(MIN_PASSWORD_LENGTH - 1)).controls.password.hasError('minlength'),
    ).toBe(true);
    expect(filled('ops', 'x'.repeat(MIN_PASSWORD_LENGTH)).valid).toBe(true);
  });

  it('rejects a password longer than 256 characters', () => {
    const form = filled('ops', 'x'.repeat(257));
    expect(form.controls.password.hasError('maxlength')).toBe(true);
    expect(userFieldError(form.controls.password)).toBe('At most 256 characters.');
  });

  it('rejects a role the contracts do not list', () => {
    const form = filled('ops', 'long enough', 'root');
    expect(form.controls.role.hasError('role')).toBe(true);
    expect(userFieldError(form.controls.role)).toBe('One of: admin, viewer, ingest.');
  });
});
