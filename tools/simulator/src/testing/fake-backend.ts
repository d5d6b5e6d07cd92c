import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role, Roster, TelemetryUpdateData } from '@roompulse/contracts';

interface Failure {
  status: number;
  headers?: Record<string, string>;
}

/**
 * A stand-in for the backend's auth, users, roster and batch routes, for driver tests that need
 * failures the real backend will not produce on demand (401 on an expired token, 503 with
 * Retry-After, a connection refused). The real backend is exercised by the integration spec.
 */
export class FakeBackend {
  readonly users = new Map<string, { password: string; role: Role }>();
  readonly batches: { user: string; updates: TelemetryUpdateData[] }[] = [];
  readonly logins: string[] = [];
  readonly requests: string[] = [];
  roster: Roster = { squads: [] };
  /** Answers for the next batch requests, in order, before any is processed. */
  readonly batchFailures: Failure[] = [];
  private tokens = new Map<string, string>();
  private counter = 0;
  private server: Server | null = null;
  url = '';

  constructor(admin = { username: 'admin', password: 'admin-password' }) {
    this.users.set(admin.username, { password: admin.password, role: 'admin' });
  }

  async start(port = 0): Promise<this> {
    const server = createServer((request, response) => void this.handle(request, response));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Every issued token stops working, as after a secret rotation. */
  expireTokens(): void {
    this.tokens.clear();
  }

  get items(): TelemetryUpdateData[] {
    return this.batches.flatMap((b) => b.updates);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body: unknown = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    const route = `${request.method} ${request.url}`;
    this.requests.push(route);
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const error = (status: number, message: string) =>
      reply(status, { statusCode: status, message, error: 'Error' });

    if (route === 'POST /api/auth/login') {
      const { username, password } = body as { username: string; password: string };
      const user = this.users.get(username);
      if (!user || user.password !== password) return error(401, 'invalid username or password');
      const token = `token-${++this.counter}`;
      this.tokens.set(token, username);
      this.logins.push(username);
      return reply(200, {
        access_token: token,
        token_type: 'Bearer',
        expires_in: 3600,
        user: { username, role: user.role },
      });
    }
    const caller = this.tokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!caller) return error(401, 'missing or invalid token');
    const role = this.users.get(caller)?.role;

    if (route === 'POST /api/tracking/telemetry/batch') {
      if (role !== 'ingest' && role !== 'admin') return error(403, 'forbidden');
      const failure = this.batchFailures.shift();
      if (failure)
        return reply(
          failure.status,
          { statusCode: failure.status, message: 'scripted failure' },
          failure.headers,
        );
      const { updates } = body as { updates: TelemetryUpdateData[] };
      if (!Array.isArray(updates) || updates.length < 1 || updates.length > 500)
        return error(400, 'updates must contain 1-500 items');
      this.batches.push({ user: caller, updates });
      return reply(200, {
        results: updates.map((u, index) => ({
          index,
          status: 'accepted',
          room_id: u.room_id,
          platform: u.platform,
        })),
      });
    }
    if (role !== 'admin') return error(403, 'forbidden');
    if (route === 'GET /api/roster') return reply(200, this.roster);
    if (route === 'PUT /api/roster') {
      this.roster = body as Roster;
      return reply(200, this.roster);
    }
    if (route === 'POST /api/users') {
      const {
        username,
        password,
        role: newRole,
      } = body as { username: string; password: string; role: Role };
      if (this.users.has(username)) return error(409, `user "${username}" already exists`);
      this.users.set(username, { password, role: newRole });
      return reply(201, { username, role: newRole });
    }
    const remove = /^DELETE \/api\/users\/([^/]+)$/.exec(route);
    if (remove) {
      this.users.delete(decodeURIComponent(remove[1]));
      return reply(204);
    }
    return error(404, `no route ${route}`);
  }
}
