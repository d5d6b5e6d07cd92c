import { createHmac } from 'node:crypto';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  DASHBOARD_NAMESPACE,
  SOCKET_PATH,
  type ClientToServerEvents,
  type RealtimeEvent,
  type ServerToClientEvents,
  type SessionEnded,
  type Snapshot,
} from '@roompulse/contracts';

/** Helpers for the realtime specs: real socket.io clients, as a dashboard uses them. */

export type DashboardClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface DashboardClientOptions extends Partial<ManagerOptions & SocketOptions> {
  /** Sent as `auth.token`; omit to send no auth at all. */
  token?: string;
}

const WAIT_MS = 5000;

/**
 * A dashboard client on its own connection, not yet connected (call {@link connect}) so listeners
 * can be attached first, and not reconnecting by itself unless a spec asks for it.
 */
export function dashboardClient(
  url: string,
  { token, ...options }: DashboardClientOptions = {},
): DashboardClient {
  return io(`${url}${DASHBOARD_NAMESPACE}`, {
    path: SOCKET_PATH,
    forceNew: true,
    autoConnect: false,
    reconnection: false,
    ...(token !== undefined && { auth: { token } }),
    ...options,
  });
}

/** Connects and resolves once connected; rejects with the `connect_error`. */
export function connect(client: DashboardClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      client.off('connect', onConnect);
      client.off('connect_error', onError);
    };
    const onConnect = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    client.on('connect', onConnect);
    client.on('connect_error', onError);
    client.connect();
  });
}

/** Connects and resolves with the `connect_error` the server answered; rejects if it connected. */
export async function connectError(client: DashboardClient): Promise<Error> {
  try {
    await connect(client);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the server accepted a connection it should have refused');
}

/** The next `event` the client receives, or a rejection after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  client: DashboardClient,
  event: E,
  timeoutMs = WAIT_MS,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener as never);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      client.off(event, listener as never);
      resolve(payload);
    };
    client.on(event, listener as never);
  });
}

/** Resolves with the reason of the client's next disconnect. */
export function disconnected(
  client: DashboardClient,
  timeoutMs = WAIT_MS,
): Promise<Socket.DisconnectReason> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`still connected after ${timeoutMs} ms`)),
      timeoutMs,
    );
    client.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** Polls `condition` until it holds; for states no event announces (e.g. a server noticing a drop). */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface Figures {
  tokens: number;
  tips: number;
  viewers: number;
  timestamp: number;
}

/**
 * Everything a dashboard client received (the items of a TELEMETRY_BATCH one by one), and the
 * figures it would show: per `platform:room_id`, the newest `timestamp` wins (a later message wins
 * a tie), as the gateway asks clients to do.
 */
export class DashboardRecorder {
  readonly snapshots: Snapshot[] = [];
  readonly updates: RealtimeEvent[] = [];
  readonly sessionsEnded: SessionEnded[] = [];
  readonly figures = new Map<string, Figures>();
  private readonly waiters: {
    predicate: (event: RealtimeEvent) => boolean;
    resolve: (event: RealtimeEvent) => void;
  }[] = [];

  constructor(readonly client: DashboardClient) {
    client.on('SNAPSHOT', (snapshot) => {
      this.snapshots.push(snapshot);
      for (const room of snapshot.rooms) {
        this.apply(`${room.platform}:${room.room_id}`, {
          tokens: room.tokens_count,
          tips: room.tips_count,
          viewers: room.viewers_count,
          timestamp: room.timestamp,
        });
      }
    });
    client.on('TELEMETRY_UPDATE', (event) => this.receive(event));
    // A frame of coalesced updates: the same as its items one by one, in order (as the dashboard's
    // RealtimeService flattens it).
    client.on('TELEMETRY_BATCH', (events) => {
      for (const event of events) this.receive(event);
    });
    client.on('SESSION_ENDED', (info) => this.sessionsEnded.push(info));
  }

  /** The first update (already received or still to come) that satisfies `predicate`. */
  update(
    predicate: (event: RealtimeEvent) => boolean,
    timeoutMs = WAIT_MS,
  ): Promise<RealtimeEvent> {
    const seen = this.updates.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (event: RealtimeEvent) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching TELEMETRY_UPDATE within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** The update of this room with these tokens, e.g. a marker posted last. */
  updateOf(roomId: string, tokens: number, timeoutMs = WAIT_MS): Promise<RealtimeEvent> {
    return this.update(
      (event) => event.room_id === roomId && event.data.tokens === tokens,
      timeoutMs,
    );
  }

  /** Figures as a sorted plain object, for `toEqual`. */
  shown(): Record<string, Figures> {
    return Object.fromEntries([...this.figures.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  private receive(event: RealtimeEvent): void {
    this.updates.push(event);
    const { platform, timestamp, ...counts } = event.data;
    this.apply(`${platform}:${event.room_id}`, { ...counts, timestamp });
    for (const waiter of this.waiters.filter((w) => w.predicate(event))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  }

  private apply(key: string, figures: Figures): void {
    const current = this.figures.get(key);
    if (!current || figures.timestamp >= current.timestamp) this.figures.set(key, figures);
  }
}

/** POSTs one telemetry update and returns the status and body. */
export async function postTelemetry(
  url: string,
  token: string,
  update: Record<string, unknown>,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/api/tracking/telemetry`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(update),
  });
  return { status: response.status, body: await response.json() };
}

/** GET returning status and JSON body. */
export async function getJson(
  url: string,
  path: string,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, body: await response.json() };
}

/** An HS256 JWT with exactly these claims, for tokens the API would never issue (expired, foreign key). */
export function signToken(secret: string, claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
