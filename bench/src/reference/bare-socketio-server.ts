// B3/B5 reference: bare socket.io on node:http with the backend's path and namespace, nothing else:
// no framework, no authentication, no Redis adapter, no connection-state recovery. It emits one
// TELEMETRY_UPDATE per update to every dashboard, as the backend did before coalescing, and sends
// a SNAPSHOT of the rooms it holds on connect. Runs in its own process, started by the bench.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import {
  DASHBOARD_NAMESPACE,
  SNAPSHOT,
  SOCKET_PATH,
  TELEMETRY_UPDATE,
  toRealtimeEvent,
  type StoredTelemetry,
  type TelemetryUpdateData,
} from '@roompulse/contracts';
import { serveWorker } from '../support/worker';

const rooms = new Map<string, StoredTelemetry>();
let io: Server | null = null;

function hold(update: TelemetryUpdateData, receivedAt: number): StoredTelemetry {
  const stored = { ...update, received_at: receivedAt };
  rooms.set(`${update.platform}:${update.room_id}`, stored);
  return stored;
}

serveWorker({
  async start(): Promise<{ port: number }> {
    const http = createServer();
    io = new Server(http, { path: SOCKET_PATH, serveClient: false });
    io.of(DASHBOARD_NAMESPACE).on('connection', (socket) => {
      socket.emit(SNAPSHOT, { rooms: [...rooms.values()], server_time: Date.now() });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return { port: (http.address() as AddressInfo).port };
  },

  seed({ updates }: { updates: TelemetryUpdateData[] }): number {
    const now = Date.now();
    for (const update of updates) hold(update, now);
    return rooms.size;
  },

  emit({ updates }: { updates: TelemetryUpdateData[] }): void {
    const namespace = io?.of(DASHBOARD_NAMESPACE);
    const now = Date.now();
    for (const update of updates) {
      namespace?.emit(TELEMETRY_UPDATE, toRealtimeEvent(hold(update, now), Math.floor(now / 1000)));
    }
  },

  memory(): { rssKiB: number; heapUsedKiB: number; connections: number } {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    return {
      rssKiB: Math.round(usage.rss / 1024),
      heapUsedKiB: Math.round(usage.heapUsed / 1024),
      connections: io?.of(DASHBOARD_NAMESPACE).sockets.size ?? 0,
    };
  },
});
