import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService } from './auth/auth.service';

/** Shell: the top bar (when signed in) and the routed page. */
@Component({
  selector: 'rp-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly auth = inject(AuthService);

  protected readonly user = this.auth.user;
  protected readonly isAdmin = this.auth.isAdmin;

  constructor() {
    // A session restored from sessionStorage may have been revoked meanwhile: a 401 here ends it
    // (interceptor). Other failures (backend down) leave it to the live feed to report.
    if (this.auth.isAuthenticated()) this.auth.verify().subscribe({ error: () => undefined });
  }

  protected logout(): void {
    this.auth.logout();
  }
}
