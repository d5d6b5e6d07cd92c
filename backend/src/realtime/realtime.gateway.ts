import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  DASHBOARD_NAMESPACE,
  SNAPSHOT,
  type Ack,
  type ClientToServerEvents,
  type SessionEnded,
  type Snapshot,
  type SubscriptionFilter,
} from '@roompulse/contracts';
import { TokenService } from '../auth/token.service';
import type { RealtimeSettings } from '../config/settings';
import type { DashboardNamespace, DashboardSocket } from './dashboard-socket';
import { authenticateHandshake, refuseExpiredSessions } from './handshake-auth';
import { EventRateLimiter } from './rate-limiter';
import { RoomFilterSignal } from './room-filter-signal';
import { SnapshotService } from './snapshot.service';
import { filterRooms, parseFilter } from './subscription';

/** Events a dashboard may send; anything else is answered with an error ack and dropped. */
const CLIENT_EVENTS: ReadonlySet<string> = new Set<keyof ClientToServerEvents>([
  'subscribe',
  'snapshot',
]);

/** Longest delay `setTimeout` honours; longer sessions re-arm the timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const SESSION_ENDED_MESSAGES: Record<SessionEnded['reason'], string> = {
  session_expired: 'Your session has expired. Sign in again.',
  rate_limited: 'Too many messages from this dashboard; the connection was closed.',
};

/**
 * The dashboard stream, `ws(s)://host/ws` namespace `/dashboard`. Transport only:
 *
 * 1. handshake: {@link authenticateHandshake} admits `admin` and `viewer` tokens, nothing else;
 * 2. connect: a new socket joins `all` and gets a SNAPSHOT; a recovered one (`socket.recovered`)
 *    keeps its rooms and filter and gets its missed events replayed by socket.io instead;
 * 3. live: telemetry arrives through {@link RealtimePublisher}; `subscribe` re-joins rooms,
 *    `snapshot` answers with the filtered figures;
 * 4. end: at token expiry, or when the client exceeds `WS_MAX_EVENTS_PER_10S`, the server sends
 *    SESSION_ENDED and disconnects. That is not recoverable, and socket.io clients do not reconnect
 *    by themselves after it (`io server disconnect`): the dashboard shows the reason and decides.
 *
 * A SNAPSHOT is read after the socket joined its rooms, so no update falls between the two; an
 * update may then arrive before the SNAPSHOT that already contains it, or a SNAPSHOT may be older
 * than an update just received. Clients keep, per room, the figures with the newest `timestamp`.
 */
@WebSocketGateway({ namespace: DASHBOARD_NAMESPACE })
export class RealtimeGateway
  implements OnGatewayInit<DashboardNamespace>, OnGatewayConnection<DashboardSocket>
{
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly settings: RealtimeSettings;

  /** The dashboard namespace; undefined until the socket.io server is up. */
  @WebSocketServer() namespace?: DashboardNamespace;

  constructor(
    private readonly tokens: TokenService,
    private readonly snapshots: SnapshotService,
    private readonly roomFilters: RoomFilterSignal,
    config: ConfigService,
  ) {
    this.settings = config.getOrThrow<RealtimeSettings>('realtime');
  }

  afterInit(namespace: DashboardNamespace): void {
    namespace.use(authenticateHandshake(this.tokens));
    refuseExpiredSessions(namespace);
  }

  handleConnection(socket: DashboardSocket): void {
    this.guardClientEvents(socket);
    this.endAtExpiry(socket);
    socket.once('disconnect', () => this.roomFilters.remove(socket.id));
    if (socket.recovered && socket.data.filter) {
      // Rooms and filter came back with the session.
      if (socket.data.filter.rooms?.length) void this.roomFilters.add(socket.id);
      return;
    }
    this.applyFilter(socket, {});
    void this.sendSnapshot(socket);
  }

  /**
   * Narrows (or, with `{}`, widens) what the socket receives from now on; answers the effective
   * filter once every update accepted afterwards will reach the socket.
   */
  @SubscribeMessage('subscribe')
  async subscribe(
    @ConnectedSocket() socket: DashboardSocket,
    @MessageBody() payload: unknown,
  ): Promise<Ack<SubscriptionFilter>> {
    const parsed = parseFilter(payload);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    this.applyFilter(socket, parsed.filter);
    if (parsed.filter.rooms?.length) await this.roomFilters.add(socket.id);
    else this.roomFilters.remove(socket.id);
    return { ok: true, data: parsed.filter };
  }

  /** The figures of every live room the socket's filter lets through. */
  @SubscribeMessage('snapshot')
  async snapshot(@ConnectedSocket() socket: DashboardSocket): Promise<Ack<Snapshot>> {
    try {
      return { ok: true, data: await this.snapshots.build(() => socket.data.filter) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : 'snapshot failed' };
    }
  }

  /** Leaves the rooms of the previous filter and joins those of the new one, in one synchronous step. */
  private applyFilter(socket: DashboardSocket, filter: SubscriptionFilter): void {
    for (const room of socket.rooms) {
      if (room !== socket.id) void socket.leave(room);
    }
    void socket.join(filterRooms(filter));
    socket.data.filter = filter;
  }

  /**
   * Sent to this socket only, on this instance (`local`): with recovery on, `socket.emit` would go
   * through the adapter like a broadcast and, with Redis, write the whole snapshot (~150 KB for
   * 1,000 rooms) to the stream that every instance reads, once per connecting dashboard. The
   * dashboard's recovery position is then its first update rather than its SNAPSHOT: one dropped
   * before any update arrived reconnects as new and gets a fresh SNAPSHOT.
   */
  private async sendSnapshot(socket: DashboardSocket): Promise<void> {
    try {
      const snapshot = await this.snapshots.build(() => socket.data.filter);
      if (socket.connected) socket.nsp.local.to(socket.id).emit(SNAPSHOT, snapshot);
    } catch (error) {
      // The store is unreachable, so no update is accepted either; the client may ask `snapshot` later.
      this.logger.warn(
        `no snapshot for a new dashboard: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Counts every incoming event against the socket's budget and answers unknown ones. */
  private guardClientEvents(socket: DashboardSocket): void {
    const limiter = new EventRateLimiter(this.settings.maxClientEventsPer10s, 10_000);
    socket.use(([event, ...args], next) => {
      if (!limiter.take()) return this.endSession(socket, 'rate_limited');
      if (CLIENT_EVENTS.has(event)) return next();
      const ack: unknown = args[args.length - 1];
      if (typeof ack === 'function')
        ack({ ok: false, error: `unknown event "${event}"` } satisfies Ack<never>);
    });
  }

  private endAtExpiry(socket: DashboardSocket): void {
    const exp = socket.data.claims.exp;
    if (exp === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    const check = (): void => {
      const left = exp * 1000 - Date.now();
      if (left <= 0) return this.endSession(socket, 'session_expired');
      timer = setTimeout(check, Math.min(left, MAX_TIMER_MS));
    };
    check();
    socket.once('disconnect', () => clearTimeout(timer));
  }

  /** SESSION_ENDED, then a server-side disconnect, which socket.io does not offer for recovery. */
  private endSession(socket: DashboardSocket, reason: SessionEnded['reason']): void {
    if (!socket.connected) return;
    // Not socket.emit: with recovery on, that goes through the adapter (a Redis round trip with the
    // streams adapter) and would only be delivered after the disconnect below.
    socket.nsp.local
      .to(socket.id)
      .emit('SESSION_ENDED', { reason, message: SESSION_ENDED_MESSAGES[reason] });
    socket.disconnect();
    // The transport closes once the two packets above are flushed; a flooder cannot keep it open.
    socket.conn.close();
  }
}
