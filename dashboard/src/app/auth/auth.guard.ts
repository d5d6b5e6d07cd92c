import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { AuthService, SESSION_EXPIRED_MESSAGE } from './auth.service';

/** Signed-in users only; others go to `/login` and come back here afterwards. */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  if (auth.isAuthenticated()) return true;
  // Held a token that has expired since: say so rather than silently showing the form.
  if (auth.user() !== null) auth.forget(SESSION_EXPIRED_MESSAGE);
  return inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** Admins only; a viewer who follows a link to an admin page lands on God Mode. */
export const adminGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  return auth.isAdmin() ? true : inject(Router).createUrlTree(['/']);
};
