// A process holding many dashboard connections (real socket.io-client), for B3 and B5. It records,
// per connection, the figures a dashboard would show and, per received update, the delay since the
// bench posted it (the bench tells it when each update was sent).
import { io, type Socket } from 'socket.io-client';
import {
  DASHBOARD_NAMESPACE,
  SOCKET_PATH,
  type ClientToServerEvents,
  type RealtimeEvent,
  type ServerToClientEvents,
  type Snapshot,
} from '@roompulse/contracts';
import { nowMs } from '../support/clock';
import { Histogram } from '../support/histogram';
import { serveWorker } from '../support/worker';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectRequest {
  url: string;
  token: string;
  count: number;
  /** `platform:room_id` of every room, to hold figures in a flat array per connection. */
  roomKeys: string[];
  /** Connections opened at once. */
  concurrency: number;
  /** Wait for the SNAPSHOT of each connection before counting it connected. */
  awaitSnapshot: boolean;
}

export interface ConnectResult {
  connected: number;
  failed: number;
  firstError: string | null;
  seconds: number;
}

export interface FinalFigures {
  key: string;
  tokens: number;
  tips: number;
  viewers: number;
  timestamp: number;
}

export interface CollectResult {
  clients: number;
  /** Updates received (items of a TELEMETRY_BATCH each count), and socket.io packets. */
  events: number;
  packets: number;
  latency: ReturnType<Histogram['toData']>;
  /** Receipts whose POST time never arrived (should be 0). */
  unmatched: number;
  disconnects: number;
  /** Connections whose figures differ from the store's final ones in at least one room. */
  mismatched: number;
  firstMismatch: string | null;
}

const FIELDS = 4; // tokens, tips, viewers, timestamp

class Connection {
  readonly figures: Float64Array;
  disconnected = false;

  constructor(
    readonly socket: Client,
    rooms: number,
  ) {
    this.figures = new Float64Array(rooms * FIELDS).fill(NaN);
  }
}

let roomIndex = new Map<string, number>();
const connections: Connection[] = [];
const histogram = new Histogram();
const sentAt = new Map<string, number>();
const waitingForSend = new Map<string, number[]>();
let events = 0;
let packets = 0;
let disconnects = 0;

function apply(
  connection: Connection,
  key: string,
  tokens: number,
  tips: number,
  viewers: number,
  timestamp: number,
): void {
  const index = roomIndex.get(key);
  if (index === undefined) return;
  const at = index * FIELDS;
  const held = connection.figures[at + 3];
  if (!Number.isNaN(held) && timestamp < held) return; // newest timestamp wins; a tie replaces
  connection.figures[at] = tokens;
  connection.figures[at + 1] = tips;
  connection.figures[at + 2] = viewers;
  connection.figures[at + 3] = timestamp;
}

function receive(connection: Connection, event: RealtimeEvent, receivedAt: number): void {
  events += 1;
  const { data } = event;
  const roomKey = `${data.platform}:${event.room_id}`;
  apply(connection, roomKey, data.tokens, data.tips, data.viewers, data.timestamp);
  const key = `${roomKey}:${data.timestamp}:${data.tokens}:${data.tips}:${data.viewers}`;
  const sent = sentAt.get(key);
  if (sent !== undefined) histogram.record(receivedAt - sent);
  else {
    const waiting = waitingForSend.get(key);
    if (waiting) waiting.push(receivedAt);
    else waitingForSend.set(key, [receivedAt]);
  }
}

function applySnapshot(connection: Connection, snapshot: Snapshot): void {
  for (const room of snapshot.rooms) {
    apply(
      connection,
      `${room.platform}:${room.room_id}`,
      room.tokens_count,
      room.tips_count,
      room.viewers_count,
      room.timestamp,
    );
  }
}

function open(request: ConnectRequest): Promise<Connection> {
  const socket: Client = io(`${request.url}${DASHBOARD_NAMESPACE}`, {
    path: SOCKET_PATH,
    auth: { token: request.token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 60_000,
  });
  const connection = new Connection(socket, request.roomKeys.length);
  socket.on('TELEMETRY_UPDATE', (event) => {
    packets += 1;
    receive(connection, event, nowMs());
  });
  socket.on('TELEMETRY_BATCH', (batch) => {
    packets += 1;
    const at = nowMs();
    for (const event of batch) receive(connection, event, at);
  });
  return new Promise((resolve, reject) => {
    let snapshotSeen = false;
    let connected = false;
    const settle = () => {
      if (connected && (snapshotSeen || !request.awaitSnapshot)) resolve(connection);
    };
    socket.on('SNAPSHOT', (snapshot) => {
      applySnapshot(connection, snapshot);
      snapshotSeen = true;
      settle();
    });
    socket.once('connect', () => {
      connected = true;
      settle();
    });
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
    socket.on('disconnect', () => {
      if (!connection.disconnected) disconnects += 1;
      connection.disconnected = true;
    });
  });
}

serveWorker({
  async connect(request: ConnectRequest): Promise<ConnectResult> {
    roomIndex = new Map(request.roomKeys.map((key, i) => [key, i]));
    const started = nowMs();
    let failed = 0;
    let firstError: string | null = null;
    let next = 0;
    const lane = async () => {
      while (next < request.count) {
        next += 1;
        try {
          connections.push(await open(request));
        } catch (error) {
          failed += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, request.concurrency) }, lane));
    return {
      connected: connections.length,
      failed,
      firstError,
      seconds: (nowMs() - started) / 1000,
    };
  },

  sent({ keys, at }: { keys: string[]; at: number }): void {
    for (const key of keys) {
      sentAt.set(key, at);
      const waiting = waitingForSend.get(key);
      if (!waiting) continue;
      waitingForSend.delete(key);
      for (const receivedAt of waiting) histogram.record(receivedAt - at);
    }
  },

  /** Starts the measured window: forgets what was received so far. */
  reset(): void {
    histogram.reset();
    waitingForSend.clear();
    events = 0;
    packets = 0;
  },

  collect({ final }: { final?: FinalFigures[] }): CollectResult {
    let mismatched = 0;
    let firstMismatch: string | null = null;
    if (final) {
      for (const [c, connection] of connections.entries()) {
        for (const room of final) {
          const index = roomIndex.get(room.key);
          const at = (index ?? -1) * FIELDS;
          const shown =
            index === undefined ? null : Array.from(connection.figures.subarray(at, at + FIELDS));
          const expected = [room.tokens, room.tips, room.viewers, room.timestamp];
          if (!shown || shown.some((value, i) => value !== expected[i])) {
            mismatched += 1;
            firstMismatch ??= `connection ${c}, ${room.key}: shows ${JSON.stringify(shown)}, store has ${JSON.stringify(expected)}`;
            break;
          }
        }
      }
    }
    let unmatched = 0;
    for (const waiting of waitingForSend.values()) unmatched += waiting.length;
    return {
      clients: connections.length,
      events,
      packets,
      latency: histogram.toData(),
      unmatched,
      disconnects,
      mismatched,
      firstMismatch,
    };
  },

  close(): void {
    for (const connection of connections.splice(0)) {
      connection.disconnected = true;
      connection.socket.close();
    }
    sentAt.clear();
  },
});
