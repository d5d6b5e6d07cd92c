import { DestroyRef, Injectable, inject } from '@angular/core';
import { UNAUTHORIZED, type RealtimeEvent, type Snapshot } from '@roompulse/contracts';
import { BehaviorSubject, Subject, distinctUntilChanged, type Observable } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import {
  isRetrying,
  nextConnectionState,
  type ConnectionEvent,
  type ConnectionState,
} from './connection-state';
import { DASHBOARD_SOCKET_FACTORY, OFFLINE_GRACE_MS, type DashboardSocket } from './socket-factory';

export const TOKEN_REFUSED_MESSAGE = 'The live feed refused your session. Please sign in again.';

/**
 * The dashboard's socket.io stream as RxJS streams: connection state (see {@link ConnectionState}
 * for the state machine), snapshots and single updates (`TELEMETRY_BATCH` is flattened into
 * updates, in order).
 *
 * Delivery as the server guarantees it: a `SNAPSHOT` on every connect, and on a reconnect either
 * the missed updates replayed (connection-state recovery) or a fresh `SNAPSHOT`. Updates can
 * arrive out of order across instances; consumers keep the newest per room.
 *
 * A refused token (`connect_error` "unauthorized") or a `SESSION_ENDED` event ends the user's
 * session with a message. Provided per screen: the connection closes when the screen goes away.
 */
@Injectable()
export class RealtimeService {
  private readonly auth = inject(AuthService);
  private readonly createSocket = inject(DASHBOARD_SOCKET_FACTORY);
  private readonly offlineGraceMs = inject(OFFLINE_GRACE_MS);

  private readonly stateSubject = new BehaviorSubject<ConnectionState>('offline');
  private readonly snapshotSubject = new Subject<Snapshot>();
  private readonly updateSubject = new Subject<RealtimeEvent>();
  private socket: DashboardSocket | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;

  readonly state$: Observable<ConnectionState> = this.stateSubject.pipe(distinctUntilChanged());
  readonly snapshots$: Observable<Snapshot> = this.snapshotSubject.asObservable();
  readonly updates$: Observable<RealtimeEvent> = this.updateSubject.asObservable();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  get state(): ConnectionState {
    return this.stateSubject.value;
  }

  /** Opens the stream with the current token; does nothing while a socket is open. */
  connect(): void {
    if (this.socket) return;
    const token = this.auth.token();
    if (!token) {
      this.auth.endSession();
      return;
    }
    const socket = this.createSocket(token);
    this.socket = socket;
    this.listen(socket);
    this.dispatch('open');
  }

  /** Closes the stream on purpose (no retry). */
  disconnect(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    socket.removeAllListeners();
    socket.disconnect();
    this.dispatch('closed');
  }

  private listen(socket: DashboardSocket): void {
    // Events of a socket that has since been closed or replaced are ignored.
    const current = () => this.socket === socket;
    socket.on('connect', () => {
      if (current()) this.dispatch('connected');
    });
    socket.on('disconnect', (reason) => {
      if (!current() || reason === 'io client disconnect') return;
      this.dispatch('lost');
      // socket.io does not retry after the server closed the socket itself; a server that ends a
      // session says so with SESSION_ENDED first, so anything else is worth another attempt.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error) => {
      if (current() && error.message === UNAUTHORIZED) this.endSession(TOKEN_REFUSED_MESSAGE);
    });
    socket.on('SNAPSHOT', (snapshot) => {
      if (current()) this.snapshotSubject.next(snapshot);
    });
    socket.on('TELEMETRY_UPDATE', (event) => {
      if (current()) this.updateSubject.next(event);
    });
    socket.on('TELEMETRY_BATCH', (events) => {
      if (current()) for (const event of events) this.updateSubject.next(event);
    });
    socket.on('SESSION_ENDED', (info) => {
      if (current()) this.endSession(info.message);
    });
  }

  private endSession(message: string): void {
    this.disconnect();
    this.auth.endSession(message);
  }

  private dispatch(event: ConnectionEvent): void {
    const previous = this.stateSubject.value;
    const next = nextConnectionState(previous, event);
    if (next === previous) return;
    clearTimeout(this.graceTimer);
    if (isRetrying(next)) {
      this.graceTimer = setTimeout(() => this.dispatch('gave-up'), this.offlineGraceMs);
    }
    this.stateSubject.next(next);
  }
}
