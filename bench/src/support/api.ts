import type {
  LoginResponse,
  Role,
  RoomsResponse,
  Roster,
  StoredTelemetry,
  TelemetryBatchResponse,
  TelemetryUpdateData,
} from '@roompulse/contracts';
import type { BenchSecrets } from './backend';

async function call<T>(
  url: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  expected: number[] = [200],
): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expected.includes(response.status)) {
    throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const answer = await call<LoginResponse>(url, 'POST', '/api/auth/login', null, {
    username,
    password,
  });
  return answer.access_token;
}

/** Tokens of one user per role the benchmarks need, created with the admin account. */
export interface BenchTokens {
  admin: string;
  ingest: string;
  viewer: string;
}

export async function prepareUsers(url: string, secrets: BenchSecrets): Promise<BenchTokens> {
  const admin = await login(url, secrets.admin.username, secrets.admin.password);
  const tokens: Partial<BenchTokens> = { admin };
  for (const role of ['ingest', 'viewer'] as const satisfies readonly Role[]) {
    const username = `bench-${role}`;
    const password = `${secrets.admin.password}-${role}`;
    await call(url, 'POST', '/api/users', admin, { username, password, role }, [201, 409]);
    tokens[role] = await login(url, username, password);
  }
  return tokens as BenchTokens;
}

export function putRoster(url: string, adminToken: string, roster: Roster): Promise<unknown> {
  return call(url, 'PUT', '/api/roster', adminToken, roster);
}

export async function listRooms(url: string, token: string): Promise<StoredTelemetry[]> {
  return (await call<RoomsResponse>(url, 'GET', '/api/tracking/rooms', token)).rooms;
}

export function postBatch(
  url: string,
  token: string,
  updates: readonly TelemetryUpdateData[],
): Promise<TelemetryBatchResponse> {
  return call<TelemetryBatchResponse>(url, 'POST', '/api/tracking/telemetry/batch', token, {
    updates,
  });
}
