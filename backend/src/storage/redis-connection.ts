import { Logger } from '@nestjs/common';
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * The one Redis connection a backend instance uses for its stores.
 *
 * Commands fail fast while the connection is down (no offline queue), so requests answer 503
 * instead of hanging; the client reconnects by itself with a capped backoff.
 */
export class RedisConnection {
  private readonly logger = new Logger('Redis');
  readonly client: RedisClient;
  private wasReady = false;

  constructor(
    url: string,
    readonly keyPrefix: string,
  ) {
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      commandOptions: { timeout: 3000 },
      socket: {
        connectTimeout: 3000,
        reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000),
      },
    });
    this.client.on('error', (error: Error) => {
      // Logged once per outage: the client retries every couple of seconds and would flood the log.
      if (this.wasReady) this.logger.error(`connection lost: ${error.message}`);
      this.wasReady = false;
    });
    this.client.on('ready', () => {
      this.logger.log(`connected to ${redactUrl(url)}`);
      this.wasReady = true;
    });
  }

  get ready(): boolean {
    return this.client.isReady;
  }

  /** Waits up to `timeoutMs` for the first connection; the app starts either way and heals later. */
  async connect(timeoutMs = 5000): Promise<void> {
    const connecting = this.client.connect().then(() => undefined);
    connecting.catch(() => undefined);
    const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([connecting, timer]);
    if (!this.client.isReady)
      this.logger.warn('Redis is not reachable yet; writes answer 503 until it is');
  }

  async ping(): Promise<boolean> {
    if (!this.client.isReady) return false;
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
    else this.client.destroy();
  }
}

/** Hides the password of a Redis URL so it can be logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparseable)';
  }
}
