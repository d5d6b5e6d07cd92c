import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { RealtimeEvent, Snapshot } from '@roompulse/contracts';
import { snapshot, stored, update } from '../../testing/fakes';
import { AuthService } from '../auth/auth.service';
import type { ConnectionState } from './connection-state';
import { RealtimeService, TOKEN_REFUSED_MESSAGE } from './realtime.service';
import { DASHBOARD_SOCKET_FACTORY, OFFLINE_GRACE_MS, type DashboardSocket } from './socket-factory';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io client socket: the test plays the server's side. */
class FakeSocket {
  private readonly handlers = new Map<string, Handler[]>();
  disconnected = 0;
  reconnects = 0;

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }

  disconnect(): this {
    this.disconnected++;
    this.fire('disconnect', 'io client disconnect');
    return this;
  }

  connect(): this {
    this.reconnects++;
    return this;
  }

  fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
}

describe(RealtimeService.name, () => {
  let socket: FakeSocket;
  let tokens: string[];
  let service: RealtimeService;
  let states: ConnectionState[];
  let endSession: jest.Mock;

  beforeEach(() => {
    jest.useFakeTimers();
    socket = new FakeSocket();
    tokens = [];
    endSession = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        RealtimeService,
        { provide: AuthService, useValue: { token: signal('jwt-token'), endSession } },
        {
          provide: DASHBOARD_SOCKET_FACTORY,
          useValue: (token: string) => {
            tokens.push(token);
            return socket as unknown as DashboardSocket;
          },
        },
        { provide: OFFLINE_GRACE_MS, useValue: 10_000 },
      ],
    });
    service = TestBed.inject(RealtimeService);
    states = [];
    service.state$.subscribe((state) => states.push(state));
  });

  afterEach(() => jest.useRealTimers());

  it('connects with the session token and goes connecting → connected', () => {
    service.connect();
    expect(tokens).toEqual(['jwt-token']);
    socket.fire('connect');
    expect(states).toEqual(['offline', 'connecting', 'connected']);
  });

  it('goes reconnecting when the connection drops, and back to connected', () => {
    service.connect();
    socket.fire('connect');
    socket.fire('disconnect', 'transport close');
    expect(service.state).toBe('reconnecting');
    socket.fire('connect');
    expect(states).toEqual(['offline', 'connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('says offline after the grace period without a connection, and recovers when it returns', () => {
    service.connect();
    socket.fire('connect');
    socket.fire('disconnect', 'ping timeout');

    jest.advanceTimersByTime(9_999);
    expect(service.state).toBe('reconnecting');
    jest.advanceTimersByTime(1);
    expect(service.state).toBe('offline');

    socket.fire('connect');
    expect(service.state).toBe('connected');
  });

  it('retries itself when the server closed the socket without ending the session', () => {
    service.connect();
    socket.fire('connect');
    socket.fire('disconnect', 'io server disconnect');
    expect(socket.reconnects).toBe(1);
    expect(service.state).toBe('reconnecting');
  });

  it('passes snapshots on and flattens TELEMETRY_BATCH into single updates, in order', () => {
    const snapshots: Snapshot[] = [];
    const updates: RealtimeEvent[] = [];
    service.snapshots$.subscribe((s) => snapshots.push(s));
    service.updates$.subscribe((u) => updates.push(u));
    service.connect();

    const first = snapshot(
      [stored('alice', 'chaturbate', { tokens: 1, tips: 0, viewers: 1 }, 100)],
      100_000,
    );
    const a = update('alice', 'chaturbate', { tokens: 2, tips: 0, viewers: 1 }, 101);
    const b = update('bob', 'stripchat', { tokens: 3, tips: 0, viewers: 1 }, 101);
    const c = update('alice', 'chaturbate', { tokens: 4, tips: 0, viewers: 1 }, 102);
    socket.fire('SNAPSHOT', first);
    socket.fire('TELEMETRY_UPDATE', a);
    socket.fire('TELEMETRY_BATCH', [b, c]);

    expect(snapshots).toEqual([first]);
    expect(updates).toEqual([a, b, c]);
  });

  it('ends the session with a message when the handshake refuses the token', () => {
    service.connect();
    socket.fire('connect_error', new Error('unauthorized'));

    expect(endSession).toHaveBeenCalledWith(TOKEN_REFUSED_MESSAGE);
    expect(socket.disconnected).toBe(1);
    expect(service.state).toBe('offline');
  });

  it('keeps trying on other connection errors', () => {
    service.connect();
    socket.fire('connect_error', new Error('xhr poll error'));
    expect(endSession).not.toHaveBeenCalled();
    expect(service.state).toBe('connecting');
  });

  it('ends the session with the server’s message on SESSION_ENDED', () => {
    service.connect();
    socket.fire('connect');
    socket.fire('SESSION_ENDED', { reason: 'session_expired', message: 'session expired' });

    expect(endSession).toHaveBeenCalledWith('session expired');
    expect(service.state).toBe('offline');
  });

  it('closes the socket when its owner is destroyed and ignores it afterwards', () => {
    const updates: RealtimeEvent[] = [];
    service.updates$.subscribe((u) => updates.push(u));
    service.connect();
    TestBed.resetTestingModule();

    expect(socket.disconnected).toBe(1);
    socket.fire(
      'TELEMETRY_UPDATE',
      update('alice', 'chaturbate', { tokens: 1, tips: 0, viewers: 1 }, 1),
    );
    expect(updates).toEqual([]);
  });
});
