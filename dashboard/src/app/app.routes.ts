import type { Routes } from '@angular/router';
import { adminGuard, authGuard } from './auth/auth.guard';

export const appRoutes: Routes = [
  {
    path: 'login',
    title: 'Sign in · RoomPulse',
    loadComponent: () => import('./auth/login-page').then((m) => m.LoginPage),
  },
  {
    path: '',
    pathMatch: 'full',
    title: 'God Mode · RoomPulse',
    canActivate: [authGuard],
    loadComponent: () => import('./god-mode/god-mode-page').then((m) => m.GodModePage),
  },
  {
    path: 'roster',
    title: 'Roster · RoomPulse',
    canActivate: [authGuard, adminGuard],
    loadComponent: () => import('./roster/roster-page').then((m) => m.RosterPage),
  },
  { path: '**', redirectTo: '' },
];
