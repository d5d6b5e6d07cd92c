/** The subset of `fetch` the service worker uses, so tests can pass a fake. */
export interface FetchResponseLike {
  status: number;
  json(): Promise<unknown>;
}

export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<FetchResponseLike>;

export function postJson(
  fetch: FetchLike,
  url: string,
  body: unknown,
  token?: string,
): Promise<FetchResponseLike> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers['Authorization'] = `Bearer ${token}`;
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** The body's JSON, or undefined when there is none or it is not JSON. */
export async function jsonOrUndefined(response: FetchResponseLike): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** `message` of an `ApiError` body, joined when it is a list; else a generic text. */
export function errorMessage(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.map(String).join('; ');
  }
  return `HTTP ${status}`;
}
