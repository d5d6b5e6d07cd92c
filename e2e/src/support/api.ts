import type { LoginResponse, Role, TelemetryUpdateData } from '@roompulse/contracts';

export async function login(
  url: string,
  username: string,
  password: string,
): Promise<LoginResponse> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`login as ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()) as LoginResponse;
}

export async function createUser(
  url: string,
  adminToken: string,
  username: string,
  password: string,
  role: Role,
): Promise<void> {
  const response = await fetch(`${url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ username, password, role }),
  });
  if (response.status !== 201 && response.status !== 409)
    throw new Error(`create ${username}: ${response.status}`);
}

export async function postTelemetry(
  url: string,
  token: string,
  update: TelemetryUpdateData,
): Promise<string> {
  const response = await fetch(`${url}/api/tracking/telemetry`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(update),
  });
  const body = (await response.json()) as { status?: string };
  if (response.status !== 202)
    throw new Error(`telemetry: ${response.status} ${JSON.stringify(body)}`);
  return body.status ?? '';
}

export async function getJson<T>(
  url: string,
  path: string,
  token: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as T };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
