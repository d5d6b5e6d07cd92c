import { randomBytes } from 'node:crypto';
import { DEFAULT_TELEMETRY_TTL_SECONDS } from '@roompulse/contracts';
import { ConfigError } from './config.error';
import { parseDurationSeconds } from './duration';

export interface HttpSettings {
  port: number;
  /** Origins allowed by CORS, for the API and the socket; empty means same-origin only. */
  corsOrigins: string[];
  /** Folder of the built dashboard served at `/`, or null when it is not served. */
  dashboardDir: string | null;
}

export interface RedisSettings {
  /** null selects the embedded in-memory store. */
  url: string | null;
  /** Prepended to every key, so several deployments or test runs can share one Redis. */
  keyPrefix: string;
}

export interface AuthSettings {
  jwtSecret: string;
  /** True when no JWT_SECRET was given and a per-process key was generated. */
  jwtSecretGenerated: boolean;
  jwtTtlSeconds: number;
  admin: { username: string; password: string } | null;
}

export interface TelemetrySettings {
  ttlSeconds: number;
}

export interface RealtimeSettings {
  /** Events a socket may send per 10 s before it is disconnected. */
  maxClientEventsPer10s: number;
  /** Largest socket.io message a client may send, in bytes. */
  maxClientMessageBytes: number;
  /** Window in which a dropped dashboard gets its missed events replayed, in ms. */
  recoveryWindowMs: number;
}

export interface Settings {
  production: boolean;
  http: HttpSettings;
  redis: RedisSettings;
  auth: AuthSettings;
  telemetry: TelemetrySettings;
  realtime: RealtimeSettings;
}

type Env = Record<string, string | undefined>;

function present(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function origins(env: Env, name: string): string[] {
  const raw = present(env, name);
  if (raw === undefined) return [];
  const list = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of list) {
    if (!/^(https?|chrome-extension):\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(
        name,
        `has "${origin}", which is not an origin like https://ops.example.com or chrome-extension://<id>`,
      );
    }
  }
  return list;
}

function redisUrl(env: Env): string | null {
  const raw = present(env, 'REDIS_URL');
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL', 'is not a URL (expected redis://host:port[/db])');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL', `must use redis:// or rediss:// (got ${url.protocol}//)`);
  }
  return raw;
}

function auth(env: Env, production: boolean): AuthSettings {
  const secret = present(env, 'JWT_SECRET');
  if (secret === undefined && production) {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  }
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }
  const ttlRaw = present(env, 'JWT_TTL') ?? '12h';
  const jwtTtlSeconds = parseDurationSeconds(ttlRaw);
  if (jwtTtlSeconds === null) {
    throw new ConfigError(
      'JWT_TTL',
      `must be a duration like 3600, 15m, 12h or 7d (got "${ttlRaw}")`,
    );
  }
  const username = present(env, 'ADMIN_USERNAME');
  const password = env['ADMIN_PASSWORD'];
  if ((username === undefined) !== (password === undefined || password === '')) {
    throw new ConfigError(
      username === undefined ? 'ADMIN_USERNAME' : 'ADMIN_PASSWORD',
      'must be set together with ' + (username === undefined ? 'ADMIN_PASSWORD' : 'ADMIN_USERNAME'),
    );
  }
  if (username !== undefined && !/^[A-Za-z0-9_.-]{3,64}$/.test(username)) {
    throw new ConfigError('ADMIN_USERNAME', 'must be 3-64 characters of A-Z, a-z, 0-9, _ . -');
  }
  if (password !== undefined && password !== '' && password.length < 8) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be at least 8 characters');
  }
  return {
    jwtSecret: secret ?? randomBytes(48).toString('base64url'),
    jwtSecretGenerated: secret === undefined,
    jwtTtlSeconds,
    admin: username !== undefined && password ? { username, password } : null,
  };
}

/**
 * Reads and checks every setting at once, so a bad value stops the process before it binds a port.
 * Throws {@link ConfigError}, whose message names the variable.
 */
export function loadSettings(env: Env): Settings {
  const production = env['NODE_ENV'] === 'production';
  return {
    production,
    http: {
      port: integer(env, 'PORT', 3000, 0, 65535),
      corsOrigins: origins(env, 'CORS_ORIGINS'),
      dashboardDir: present(env, 'DASHBOARD_DIR') ?? null,
    },
    redis: { url: redisUrl(env), keyPrefix: present(env, 'REDIS_KEY_PREFIX') ?? '' },
    auth: auth(env, production),
    telemetry: {
      ttlSeconds: integer(
        env,
        'TELEMETRY_TTL_SECONDS',
        DEFAULT_TELEMETRY_TTL_SECONDS,
        10,
        7 * 86400,
      ),
    },
    realtime: {
      maxClientEventsPer10s: integer(env, 'WS_MAX_EVENTS_PER_10S', 100, 1, 100_000),
      maxClientMessageBytes: integer(env, 'WS_MAX_MESSAGE_BYTES', 16 * 1024, 1024, 1024 * 1024),
      recoveryWindowMs: integer(env, 'WS_RECOVERY_WINDOW_MS', 2 * 60 * 1000, 0, 60 * 60 * 1000),
    },
  };
}
