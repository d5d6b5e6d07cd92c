import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RosterEditor } from './roster-editor';
import { UserAdmin } from './user-admin';

/** Admin page: the roster (squads, rooms, goals) and the user accounts. */
@Component({
  selector: 'rp-roster-page',
  imports: [RosterEditor, UserAdmin],
  template: `
    <div class="admin">
      <h1>Roster and users</h1>
      <div class="columns">
        <section class="panel" aria-labelledby="roster-title"><rp-roster-editor /></section>
        <section class="panel" aria-labelledby="users-title"><rp-user-admin /></section>
      </div>
    </div>
  `,
  styles: `
    .admin {
      padding: 1rem 1.5rem 2rem;
    }
    h1 {
      margin: 0 0 1rem;
      font-size: 1.5rem;
    }
    .columns {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(20rem, 1fr);
      gap: 1.5rem;
      align-items: start;
    }
    @media (max-width: 1100px) {
      .columns {
        grid-template-columns: 1fr;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RosterPage {}
