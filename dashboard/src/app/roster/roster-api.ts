import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateUserRequest, Roster, UserListResponse, UserView } from '@roompulse/contracts';
import { Observable, map } from 'rxjs';

export const ROSTER_URL = '/api/roster';
export const USERS_URL = '/api/users';

/** The roster and user endpoints (same origin; the interceptor adds the token). */
@Injectable({ providedIn: 'root' })
export class RosterApi {
  private readonly http = inject(HttpClient);

  getRoster(): Observable<Roster> {
    return this.http.get<Roster>(ROSTER_URL);
  }

  /** Replaces the whole roster (admin); answers the roster as stored. */
  saveRoster(roster: Roster): Observable<Roster> {
    return this.http.put<Roster>(ROSTER_URL, roster);
  }

  listUsers(): Observable<UserView[]> {
    return this.http.get<UserListResponse>(USERS_URL).pipe(map((body) => body.users));
  }

  createUser(request: CreateUserRequest): Observable<UserView> {
    return this.http.post<UserView>(USERS_URL, request);
  }

  deleteUser(username: string): Observable<void> {
    return this.http.delete<void>(`${USERS_URL}/${encodeURIComponent(username)}`);
  }
}
