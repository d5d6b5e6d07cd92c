import { Logger } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { randomUUID } from 'node:crypto';
import type { RedisClient, RedisConnection } from '../storage/redis-connection';

/** The adapter's XREAD blocks this long; a shutdown waits at most about as long for it. */
const BLOCK_TIME_MS = 5000;

/** A plain duplicate of the stores' client (no Redis modules needed here). */
type StreamClient = ReturnType<RedisClient['duplicate']>;

/**
 * Recovery replays from the stream, which is trimmed to about this many entries (broadcasts and
 * instance heartbeats of every instance). A dashboard that missed more than that since its last
 * event cannot be recovered and gets a fresh SNAPSHOT instead.
 */
const STREAM_MAX_LEN = 10_000;

/**
 * The Redis clients behind `@socket.io/redis-streams-adapter`, kept apart from the stores' connection:
 *
 * - `publisher` (XADD of broadcasts, recovery sessions, PUBLISH) is a duplicate of the stores'
 *   client and fails fast like it while Redis is away: sockets on this instance still get every
 *   event (the adapter broadcasts locally even when XADD fails); only the copy for other instances,
 *   and the possibility to replay it, is lost.
 * - The adapter duplicates `publisher` for its blocking XREAD loop and its SUBSCRIBE. Those
 *   duplicates queue commands while Redis is away (failing fast would make the read loop spin)
 *   and have no command timeout (which would cut every blocking read short). They are tracked
 *   here so shutdown can end the blocking read at once instead of waiting for it to time out.
 *
 * Stream, session keys and channels carry the deployment's key prefix, like every other key.
 */
export class RedisStreamClients {
  private readonly logger = new Logger('RealtimeRedis');
  private readonly duplicates: StreamClient[] = [];
  /** Duplicates that connected at least once; the adapter has started using them. */
  private readonly connected = new WeakSet<StreamClient>();

  private constructor(
    private readonly publisher: StreamClient,
    /** CLIENT SETNAME of the adapter's duplicates, to find the blocked reader at shutdown. */
    private readonly name: string,
    private readonly keyPrefix: string,
  ) {
    const duplicate = publisher.duplicate.bind(publisher);
    publisher.duplicate = ((overrides?: Parameters<StreamClient['duplicate']>[0]) => {
      const client = duplicate({
        ...overrides,
        name,
        disableOfflineQueue: false,
        commandOptions: undefined,
      });
      // The adapter disconnects its reader when its loop ends; after a forced destroy in close()
      // that second disconnect would throw inside the loop, so it becomes a no-op.
      const disconnect = client.disconnect.bind(client);
      client.disconnect = () => (client.isOpen ? disconnect() : Promise.resolve());
      client.once('ready', () => this.connected.add(client));
      this.duplicates.push(client);
      return client;
    }) as StreamClient['duplicate'];
  }

  /** Starts connecting; like the stores' connection, the app starts even while Redis is unreachable. */
  static create(connection: RedisConnection): RedisStreamClients {
    // Named after the key prefix, so an operator (or a test) can tell whose connections these are.
    const name = `${connection.keyPrefix}sio-adapter:${randomUUID().slice(0, 8)}`.replace(
      /[^\x21-\x7e]/g,
      '_',
    );
    const clients = new RedisStreamClients(
      connection.client.duplicate(),
      name,
      connection.keyPrefix,
    );
    clients.publisher.on('error', () => undefined); // the stores' connection already reports outages
    clients.publisher
      .connect()
      .catch((error: Error) => clients.logger.warn(`not connected yet: ${error.message}`));
    return clients;
  }

  /** The socket.io adapter factory; call once per socket.io server. */
  adapter(): ReturnType<typeof createAdapter> {
    return createAdapter(this.publisher, {
      streamName: `${this.keyPrefix}socket.io`,
      channelPrefix: `${this.keyPrefix}socket.io`,
      sessionKeyPrefix: `${this.keyPrefix}sio:session:`,
      maxLen: STREAM_MAX_LEN,
      blockTimeInMs: BLOCK_TIME_MS,
      onlyPlaintext: true,
    });
  }

  /**
   * Call after the socket.io server closed (which stops the adapter's loops): unblocks the pending
   * XREAD so its loop disconnects now, waits for the duplicates to end, then closes the publisher.
   * While Redis is unreachable nothing is pending on its side: the duplicates are destroyed at once
   * so they stop reconnecting, except those that never connected, which the adapter has not used
   * yet (destroying them would surface as unhandled rejections inside the adapter); they end with
   * the process.
   */
  async close(): Promise<void> {
    let unblocked = false;
    try {
      const mine = (await this.publisher.clientList()).filter(
        (client) => client.name === this.name,
      );
      await Promise.all(
        mine.map((client) => this.publisher.sendCommand(['CLIENT', 'UNBLOCK', String(client.id)])),
      );
      unblocked = true;
    } catch {
      // Redis is unreachable; handled below.
    }
    if (unblocked)
      await Promise.all(this.duplicates.map((client) => ended(client, BLOCK_TIME_MS + 1000)));
    for (const client of this.duplicates) {
      if (client.isOpen && this.connected.has(client)) client.destroy();
    }
    if (this.publisher.isOpen) await this.publisher.close();
  }
}

function ended(client: StreamClient, timeoutMs: number): Promise<void> {
  if (!client.isOpen) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    client.once('end', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
