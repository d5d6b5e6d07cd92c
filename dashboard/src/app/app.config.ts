import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  type ApplicationConfig,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { appRoutes } from './app.routes';
import { authInterceptor } from './auth/auth.interceptor';
import { provideRoomStatusThresholds } from './shared/room-status';

export function appConfig(initialSearch: string): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      provideZonelessChangeDetection(),
      provideRouter(appRoutes, withComponentInputBinding()),
      provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
      // `?staleAfter=3&offlineAfter=10` (seconds) on the URL the app was opened with.
      provideRoomStatusThresholds(initialSearch),
    ],
  };
}
