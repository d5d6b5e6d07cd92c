import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { filter, type Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { SOCKET_PATH } from '@roompulse/contracts';
import type { HttpSettings, RealtimeSettings } from '../config/settings';
import type { RedisConnection } from '../storage/redis-connection';
import { REDIS_CONNECTION } from '../storage/storage.module';
import { RedisStreamClients } from './redis-stream-clients';

/**
 * The socket.io server every gateway runs on: path {@link SOCKET_PATH} on the backend's port, CORS
 * from `CORS_ORIGINS`, client messages capped at `WS_MAX_MESSAGE_BYTES`, connection-state
 * recovery for `WS_RECOVERY_WINDOW_MS` (0 turns it off), and, when `REDIS_URL` is set, the
 * redis-streams adapter that carries events between instances and keeps recovery sessions.
 *
 * Installed by `createApp` before the app initialises; the gateways never see Redis.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private constructor(
    app: INestApplication,
    private readonly realtime: RealtimeSettings,
    private readonly corsOrigins: string[],
    private readonly streams: RedisStreamClients | null,
  ) {
    super(app);
  }

  static create(app: INestApplication): RealtimeIoAdapter {
    const config = app.get(ConfigService);
    const redis = app.get<typeof REDIS_CONNECTION, RedisConnection | null>(REDIS_CONNECTION);
    return new RealtimeIoAdapter(
      app,
      config.getOrThrow<RealtimeSettings>('realtime'),
      config.getOrThrow<HttpSettings>('http').corsOrigins,
      redis ? RedisStreamClients.create(redis) : null,
    );
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const { maxClientMessageBytes, recoveryWindowMs } = this.realtime;
    const server: Server = super.createIOServer(port, {
      ...options,
      path: SOCKET_PATH,
      serveClient: false,
      maxHttpBufferSize: maxClientMessageBytes,
      // Only the polling transport is subject to CORS; WebSocket upgrades are not, which is safe
      // here because a socket authenticates with a token it sends, never with a cookie.
      ...(this.corsOrigins.length > 0 && { cors: { origin: this.corsOrigins, maxAge: 600 } }),
      ...(recoveryWindowMs > 0 && {
        // Middlewares also run on recovery, so a recovered socket re-authenticates with its token.
        connectionStateRecovery: {
          maxDisconnectionDuration: recoveryWindowMs,
          skipMiddlewares: false,
        },
      }),
      ...(this.streams && { adapter: this.streams.adapter() }),
    } satisfies Partial<ServerOptions>);
    // Dashboards use their own namespace; nobody may sit on the root one unauthenticated.
    server.of('/').use((_socket, next) => next(new Error('Invalid namespace')));
    return server;
  }

  /**
   * Same behaviour as Nest's IoAdapter (a handler's result, once it resolves, is the ack, or an
   * event when it has one), with one plain listener per message instead of an RxJS pipeline per
   * socket and message: that pipeline was about a third of the heap a dashboard connection holds.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        transform(callback(data, ack))
          .pipe(filter((response) => response !== null && response !== undefined))
          .subscribe((response) => {
            const reply = response as { event?: string; data?: unknown };
            if (reply.event) return void socket.emit(reply.event, reply.data);
            if (!isAckHandledManually && typeof ack === 'function') ack(response);
          });
      });
    }
  }

  /** Runs after every socket.io server has closed. */
  override async dispose(): Promise<void> {
    await this.streams?.close();
  }
}
