import type { LoginResponse, UserView } from '@roompulse/contracts';

/** The request may succeed if sent again later: 429, 502, 503, 504, a timeout or a network error. */
export class RetriableError extends Error {
  constructor(
    message: string,
    /** The server's `Retry-After`, in ms, when it sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'RetriableError';
  }
}

/** The server refused the request for good (a 4xx other than 429, or a 401 after signing in again). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Credentials {
  username: string;
  password: string;
}

export interface ApiSessionOptions {
  /** Aborts every request in flight and every one after (stopping the simulator). */
  signal?: AbortSignal;
  /** Per-request limit, in ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const RETRIABLE_STATUSES = new Set([429, 502, 503, 504]);

/** `Retry-After` in ms: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** `connect ECONNREFUSED 127.0.0.1:3000` rather than fetch's bare "fetch failed". */
function networkFailure(error: unknown): string {
  // Duck-typed: undici's errors come from another realm under Jest, so instanceof Error fails.
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  if (cause && typeof cause.message === 'string' && cause.message) return cause.message;
  return typeof message === 'string' ? message : String(error);
}

function describe(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = (body as { message: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : String(message);
  }
  return typeof body === 'string' && body ? body.slice(0, 200) : '';
}

/**
 * HTTP to one backend as one user. Signs in on first use and once more when a request is answered
 * 401 (token expired, secret rotated, backend restarted with a new key), then repeats that request.
 * Concurrent 401s share a single sign-in. Retriable failures surface as {@link RetriableError};
 * the caller decides when to try again.
 */
export class ApiSession {
  private token: string | null = null;
  private signingIn: Promise<string> | null = null;
  /** Who the session is signed in as, after the first sign-in. */
  user: UserView | null = null;
  /** Sign-ins after the first one (each caused by a 401). */
  reSignIns = 0;

  private readonly base: URL;
  private readonly fetchImpl: typeof fetch;

  constructor(
    baseUrl: string,
    private readonly credentials: Credentials,
    private readonly options: ApiSessionOptions = {},
  ) {
    // Relative paths resolve under the base, so a backend behind a path prefix works too.
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    this.fetchImpl = options.fetch ?? fetch;
  }

  get username(): string {
    return this.credentials.username;
  }

  /** Signs in now (first use, or to check the credentials); returns the login answer. */
  async signIn(): Promise<LoginResponse> {
    const { status, body } = await this.send('POST', 'api/auth/login', this.credentials, null);
    if (status === 401) {
      throw new ApiError(
        401,
        `sign-in as "${this.credentials.username}" refused: ${describe(body)}`,
        body,
      );
    }
    if (status !== 200)
      throw new ApiError(status, `sign-in failed with HTTP ${status}: ${describe(body)}`, body);
    const login = body as LoginResponse;
    this.token = login.access_token;
    this.user = login.user;
    return login;
  }

  /** An authenticated request; resolves with the parsed JSON body (undefined for 204). */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = this.token ?? (await this.freshToken(null));
    let reply = await this.send(method, path, body, token);
    if (reply.status === 401) {
      reply = await this.send(method, path, body, await this.freshToken(token));
    }
    if (reply.status >= 200 && reply.status < 300) return reply.body as T;
    throw new ApiError(
      reply.status,
      `${method} /${path}: HTTP ${reply.status} ${describe(reply.body)}`.trim(),
      reply.body,
    );
  }

  /** A new token unless another caller already replaced `stale`; one sign-in at a time. */
  private async freshToken(stale: string | null): Promise<string> {
    if (this.token !== null && this.token !== stale) return this.token;
    if (!this.signingIn) {
      const first = this.user === null;
      this.signingIn = this.signIn()
        .then((login) => {
          if (!first) this.reSignIns += 1;
          return login.access_token;
        })
        .finally(() => (this.signingIn = null));
    }
    return this.signingIn;
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    token: string | null,
  ): Promise<{ status: number; body: unknown }> {
    const signals = [AbortSignal.timeout(this.options.timeoutMs ?? 15_000)];
    if (this.options.signal) signals.push(this.options.signal);
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(new URL(path, this.base), {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...(token && { authorization: `Bearer ${token}` }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any(signals),
      });
      text = await response.text();
    } catch (error) {
      if (this.options.signal?.aborted) throw error;
      throw new RetriableError(`${method} /${path}: ${networkFailure(error)}`);
    }
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (RETRIABLE_STATUSES.has(response.status)) {
      throw new RetriableError(
        `${method} /${path}: HTTP ${response.status} ${describe(parsed)}`.trim(),
        parseRetryAfter(response.headers.get('retry-after')),
      );
    }
    return { status: response.status, body: parsed };
  }
}
