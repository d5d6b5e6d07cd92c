import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import type { Role } from '@roompulse/contracts';
import type { TokenService } from '../../auth/token.service';
import { errorResponse } from '../filters/api-exception.filter';
import { bearerClaims } from '../guards/auth.guard';
import { requireRole } from '../guards/roles.guard';
import { VerifiedTokenCache } from '../guards/verified-token-cache';
import { bodyFailure } from './json-body.middleware';

/** A JSON POST route answered in front of Express; see {@link installFastRoutes}. */
export interface FastRoute {
  /** Exact path; a query string is ignored, as Express ignores it. */
  path: string;
  /** Largest body, in bytes; larger ones are answered 413. */
  limitBytes: number;
  /** Roles that may call it (the controller method's `@Roles`). */
  roles: readonly Role[];
  /** Status of a successful answer (the controller method's `@HttpCode`). */
  status: number;
  /** The route's pipe and controller method, applied to the parsed body. */
  handle(body: unknown): unknown;
}

export interface FastRouteOptions {
  tokens: TokenService;
  /** `CORS_ORIGINS`: origins whose requests get `Access-Control-Allow-Origin`. */
  corsOrigins: readonly string[];
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' } as const;

/**
 * Answers a few hot JSON POST routes (telemetry ingest) straight from `node:http`, before Express
 * sees the request, and hands every other request to the listeners that were there (Express, with
 * socket.io in front of all).
 *
 * Why: on this project's 2-core target, Express 5 alone tops out near 7,000 JSON POSTs/s
 * (body-parser and its router are most of that), far below what the telemetry store can write.
 * Everything a route does is still the app's own code: the controller method, its pipe, and the
 * same helpers as the guards, the JSON body middleware and the exception filter, so a request
 * gets the same answer, status and error body as through Nest:
 *
 * 1. CORS: as the `cors` middleware does for a non-preflight request with `CORS_ORIGINS`.
 * 2. body: read up to the route's limit (413), then parsed as strict JSON (400 "malformed JSON");
 *    an empty body is `{}`, as body-parser makes it.
 * 3. auth: bearer token (401) and role (403), in that order, after the body as in Nest.
 * 4. the route's pipe and method; a thrown exception is answered as `ApiExceptionFilter` does.
 *
 * Requests the route is not sure to parse exactly like body-parser stay with Express: any other
 * method or path, a content type other than `application/json` (UTF-8), a compressed body, or no
 * body at all.
 */
export function installFastRoutes(
  server: Server,
  routes: readonly FastRoute[],
  options: FastRouteOptions,
): void {
  const byPath = new Map(routes.map((route) => [route.path, route]));
  const logger = new Logger('HTTP');
  const verified = new VerifiedTokenCache();
  const fallback = server.listeners('request') as ((...args: unknown[]) => void)[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const route = request.method === 'POST' ? byPath.get(pathOf(request.url)) : undefined;
    if (route && hasPlainJsonBody(request)) {
      void answer(route, request, response, options, verified, logger);
      return;
    }
    for (const listener of fallback) listener.call(server, request, response);
  });
}

async function answer(
  route: FastRoute,
  request: IncomingMessage,
  response: ServerResponse,
  options: FastRouteOptions,
  verified: VerifiedTokenCache,
  logger: Logger,
): Promise<void> {
  if (options.corsOrigins.length > 0) {
    const origin = request.headers.origin;
    if (origin && options.corsOrigins.includes(origin)) {
      response.setHeader('Access-Control-Allow-Origin', origin);
    }
    response.setHeader('Vary', 'Origin');
  }
  try {
    const text = await readBody(request, route.limitBytes);
    if (text === null) {
      return send(response, 413, bodyFailure(true, route.limitBytes, ''));
    }
    let body: unknown;
    try {
      body = parseStrictJson(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return send(response, 400, bodyFailure(false, route.limitBytes, detail));
    }
    requireRole(bearerClaims(request.headers.authorization, options.tokens, verified), route.roles);
    send(response, route.status, await route.handle(body));
  } catch (exception) {
    const failure = errorResponse(exception, logger);
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(failure.headers)) response.setHeader(name, value);
    send(response, failure.status, failure.body);
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function pathOf(url: string | undefined): string {
  if (!url) return '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** `application/json` in UTF-8, not compressed, with a body: what the route parses like body-parser. */
function hasPlainJsonBody(request: IncomingMessage): boolean {
  const { headers } = request;
  const [type, ...parameters] = (headers['content-type'] ?? '').split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  for (const parameter of parameters) {
    const [name, value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') continue;
    if (!['utf-8', 'utf8'].includes(value.trim().replace(/"/g, '').toLowerCase())) return false;
  }
  const encoding = headers['content-encoding'];
  if (encoding && encoding.toLowerCase() !== 'identity') return false;
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length']) > 0;
}

/** The body as text, or null once it exceeds `limit` bytes. */
function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(request.headers['content-length']);
  if (declared > limit) {
    request.resume();
    return Promise.resolve(null);
  }
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

const FIRST_CHARACTER = /^[ \t\n\r]*(.)/;

/** body-parser's strict JSON: an object or array (after an optional BOM), `{}` when empty. */
function parseStrictJson(text: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (json.length === 0) return {};
  const first = FIRST_CHARACTER.exec(json)?.[1];
  if (first !== '{' && first !== '[') {
    throw new SyntaxError(
      `Unexpected token ${first ?? 'end of input'}: the body must be a JSON object or array`,
    );
  }
  return JSON.parse(json);
}
