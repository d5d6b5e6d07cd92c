// B1/B2 reference: the least a Node ingest server must do for the same request, on node:http and
// the same redis client as the backend. Per request: check the HS256 bearer token and role
// (remembering headers that verified, as the backend does), read the body (16 KiB / 1 MiB
// limits), parse JSON, check each item like the backend does, and run the backend's own
// check-and-set Lua script (one EVALSHA per request). No framework, no publishing to dashboards.
// Runs in its own process, started by the bench.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import {
  MAX_BATCH_BODY_BYTES,
  MAX_BATCH_SIZE,
  MAX_SINGLE_BODY_BYTES,
  type TelemetryBatchResult,
  type TelemetryUpdateData,
} from '@roompulse/contracts';
import { serveWorker } from '../support/worker';
import { checkUpdate } from './telemetry-check';
import { WRITE_SCRIPT, WRITE_SHA } from './write-script';

export interface ReferenceConfig {
  redisUrl: string;
  keyPrefix: string;
  jwtSecret: string;
  ttlSeconds: number;
}

const INGEST_ROLES = new Set(['ingest', 'admin']);

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function failure(response: ServerResponse, status: number, error: string, message: unknown): void {
  send(response, status, { statusCode: status, message, error });
}

/** Headers that verified, with their token's expiry (Unix s); the backend keeps the same cache. */
const verified = new Map<string, number>();

function verifyBearer(header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const known = verified.get(header);
  if (known !== undefined && known * 1000 > Date.now()) return true;
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header.trim());
  if (!match) return false;
  const [, head, payload, signature] = match;
  try {
    const alg = (JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string }).alg;
    if (alg !== 'HS256') return false;
    const expected = createHmac('sha256', secret).update(`${head}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      exp?: number;
      role?: string;
    };
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return false;
    if (!INGEST_ROLES.has(claims.role ?? '')) return false;
    if (verified.size < 10_000) verified.set(header, claims.exp);
    return true;
  } catch {
    return false;
  }
}

function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function start(config: ReferenceConfig): Promise<{ port: number }> {
  const redis = createClient({ url: config.redisUrl });
  redis.on('error', () => undefined);
  await redis.connect();
  await redis.scriptLoad(WRITE_SCRIPT);
  const indexKey = `${config.keyPrefix}telemetry:index`;
  const ttl = String(config.ttlSeconds);

  /** One EVALSHA for all `updates`, as the backend's store does: 1 (accepted) or 0 per item. */
  const write = async (updates: TelemetryUpdateData[], receivedAt: string): Promise<unknown[]> => {
    const keys = [indexKey];
    const args = [ttl, receivedAt];
    for (const u of updates) {
      keys.push(`${config.keyPrefix}telemetry:${u.room_id}:${u.platform}`);
      args.push(
        String(u.timestamp),
        u.room_id,
        u.platform,
        String(u.tokens_count),
        String(u.tips_count),
        String(u.viewers_count),
        `${u.room_id}:${u.platform}`,
      );
    }
    return (await redis.evalSha(WRITE_SHA, { keys, arguments: args })) as unknown[];
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const batch = request.url === '/api/tracking/telemetry/batch';
    if (request.method !== 'POST' || (!batch && request.url !== '/api/tracking/telemetry')) {
      return failure(response, 404, 'Not Found', 'not found');
    }
    if (!verifyBearer(request.headers.authorization, config.jwtSecret)) {
      return failure(response, 401, 'Unauthorized', 'a valid bearer token is required');
    }
    const text = await readBody(request, batch ? MAX_BATCH_BODY_BYTES : MAX_SINGLE_BODY_BYTES);
    if (text === null) return failure(response, 413, 'Payload Too Large', 'too large');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return failure(response, 400, 'Bad Request', 'malformed JSON body');
    }
    const nowSeconds = Math.floor(Date.now() / 1000);
    const receivedAt = String(Date.now());
    if (!batch) {
      const check = checkUpdate(body, nowSeconds, config.ttlSeconds);
      if (!check.ok) {
        return send(response, 400, {
          statusCode: 400,
          message: check.errors.map((e) => e.reason),
          error: 'Bad Request',
          errors: check.errors,
        });
      }
      const [reply] = await write([check.update], receivedAt);
      const { room_id, platform } = check.update;
      const status = Number(reply) === 1 ? 'accepted' : 'stale';
      return send(response, 202, { status, room_id, platform });
    }
    const items = (body as { updates?: unknown })?.updates;
    if (!Array.isArray(items) || items.length < 1 || items.length > MAX_BATCH_SIZE) {
      return failure(response, 400, 'Bad Request', ['updates must be an array of 1-500 items']);
    }
    const results: TelemetryBatchResult[] = new Array(items.length);
    const valid: { index: number; update: TelemetryUpdateData }[] = [];
    items.forEach((item, index) => {
      const check = checkUpdate(item, nowSeconds, config.ttlSeconds);
      if (check.ok) valid.push({ index, update: check.update });
      else results[index] = { index, status: 'invalid', errors: check.errors };
    });
    const replies =
      valid.length > 0
        ? await write(
            valid.map((v) => v.update),
            receivedAt,
          )
        : [];
    valid.forEach(({ index, update }, i) => {
      results[index] = {
        index,
        status: Number(replies[i]) === 1 ? 'accepted' : 'stale',
        room_id: update.room_id,
        platform: update.platform,
      };
    });
    send(response, 200, { results });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) failure(response, 503, 'Service Unavailable', 'store unavailable');
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port };
}

serveWorker({ start });
