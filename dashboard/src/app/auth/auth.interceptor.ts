import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { AuthService, LOGIN_URL } from './auth.service';

/**
 * Adds `Authorization: Bearer <token>` to the dashboard's own API calls (relative `/api/…` URLs,
 * never a third-party URL) and ends the session on a 401. A 401 from the login call itself means
 * wrong credentials and is left to the login form.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const isApi = request.url.startsWith('/api/');
  const isLogin = request.url === LOGIN_URL;
  const token = auth.token();
  const outgoing =
    isApi && !isLogin && token
      ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
      : request;
  return next(outgoing).pipe(
    catchError((error: unknown) => {
      if (isApi && !isLogin && error instanceof HttpErrorResponse && error.status === 401) {
        auth.endSession();
      }
      return throwError(() => error);
    }),
  );
};
