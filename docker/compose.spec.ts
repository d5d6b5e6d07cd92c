import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BackendExit,
  BackendProcess,
  deleteKeys,
  REDIS_URL,
  ROOT,
  uniquePrefix,
} from '@roompulse/test-support';
import {
  backendVariables,
  DOCKER_DIR,
  interpolate,
  interpolations,
  readCompose,
  readDotenv,
  type ComposeService,
} from './support/compose';
import { http } from './support/http';

const compose = readCompose();
const composeText = readFileSync(join(DOCKER_DIR, 'compose.yaml'), 'utf8');
const envExample = readDotenv(join(DOCKER_DIR, '.env.example'));
const nginxConf = readFileSync(join(DOCKER_DIR, 'nginx.conf'), 'utf8');
const BACKENDS = ['backend-1', 'backend-2'];

/** What a backend container's process sees: env_file values, then `environment` over them, interpolated. */
function containerEnv(
  service: ComposeService,
  dotenv: Record<string, string>,
): Record<string, string> {
  const environment = Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), dotenv)]),
  );
  return { ...dotenv, ...environment };
}

describe('docker/compose.yaml', () => {
  it('runs Redis, two backend replicas and nginx, and nothing else', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'backend-1',
      'backend-2',
      'nginx',
      'redis',
    ]);
    expect(compose.name).toBe('roompulse');
  });

  it('keeps Redis data on a named volume with the append-only file on, checked healthy, and not published', () => {
    const redis = compose.services['redis'];
    expect(redis.image).toMatch(/^redis:7\.\d+-alpine$/);
    expect(redis.command?.join(' ')).toContain('--appendonly yes');
    expect(redis.command?.join(' ')).toMatch(/--appendfsync (everysec|always)/);
    expect(redis.volumes).toEqual(['redis-data:/data']);
    expect(Object.keys(compose.volumes ?? {})).toEqual(['redis-data']);
    expect(redis.healthcheck?.test.join(' ')).toContain('redis-cli ping');
    expect(redis.ports).toBeUndefined();
    expect(redis.restart).toBe('unless-stopped');
  });

  it('builds both replicas from docker/Dockerfile into one image, without publishing their port', () => {
    for (const name of BACKENDS) {
      const backend = compose.services[name];
      expect(backend.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
      expect(
        existsSync(join(DOCKER_DIR, backend.build?.context ?? '', backend.build?.dockerfile ?? '')),
      ).toBe(true);
      expect(backend.image).toBe('roompulse-backend:${ROOMPULSE_TAG:-latest}');
      expect(backend.ports).toBeUndefined();
      expect(backend.expose).toEqual(['3000']);
      expect(backend.restart).toBe('unless-stopped');
      expect(backend.read_only).toBe(true);
      // No healthcheck here: the image's HEALTHCHECK on /health applies (checked in dockerfile.spec.ts).
      expect(backend.healthcheck).toBeUndefined();
    }
    expect(compose.services['backend-2']).toEqual(compose.services['backend-1']);
  });

  it('gives the replicas every variable the backend reads, the shared ones from compose or docker/.env', () => {
    const variables = backendVariables();
    // The parse of settings.ts still finds what it should (it would otherwise pass vacuously).
    expect(variables).toEqual(
      expect.arrayContaining([
        'PORT',
        'REDIS_URL',
        'JWT_SECRET',
        'ADMIN_PASSWORD',
        'NODE_ENV',
        'TELEMETRY_TTL_SECONDS',
        'WS_RECOVERY_WINDOW_MS',
      ]),
    );
    const backend = compose.services['backend-1'];
    expect(backend.env_file).toBe('.env');
    const provided = new Set([
      ...Object.keys(backend.environment ?? {}),
      ...Object.keys(envExample),
    ]);
    expect(variables.filter((v) => !provided.has(v))).toEqual([]);
    expect(backend.environment).toMatchObject({
      NODE_ENV: 'production',
      PORT: '3000',
      REDIS_URL: 'redis://:${REDIS_PASSWORD:?set REDIS_PASSWORD in docker/.env}@redis:6379',
      DASHBOARD_DIR: '/app/dashboard',
    });
    expect(backend.environment?.['JWT_SECRET']).toMatch(/^\$\{JWT_SECRET:\?.+\}$/);
  });

  it('starts Redis, then the replicas once Redis is healthy, then nginx once both replicas are healthy', () => {
    for (const name of BACKENDS) {
      expect(compose.services[name].depends_on).toEqual({
        redis: { condition: 'service_healthy' },
      });
    }
    expect(compose.services['nginx'].depends_on).toEqual({
      'backend-1': { condition: 'service_healthy' },
      'backend-2': { condition: 'service_healthy' },
    });
  });

  it('mounts nginx.conf into nginx, publishes its listen port, and its upstreams are exactly the replicas on their PORT', () => {
    const nginx = compose.services['nginx'];
    expect(nginx.image).toMatch(/^nginx:1\.\d+-alpine$/);
    expect(nginx.volumes).toEqual(['./nginx.conf:/etc/nginx/conf.d/default.conf:ro']);
    expect(nginx.ports).toEqual(['${HTTP_PORT:-80}:8080']);
    expect(nginxConf).toMatch(/^\s*listen 8080;$/m);
    expect(nginx.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:8080/health');
    const upstreams = [...nginxConf.matchAll(/upstream (\w+) \{([^}]*)\}/g)];
    expect(upstreams.map(([, name]) => name)).toEqual(['roompulse_api', 'roompulse_ws']);
    for (const [, , body] of upstreams) {
      const servers = [...body.matchAll(/server ([\w-]+):(\d+)/g)].map(
        ([, host, port]) => `${host}:${port}`,
      );
      expect(servers).toEqual(
        BACKENDS.map((b) => `${b}:${compose.services[b].environment?.['PORT']}`),
      );
    }
  });

  it('sends /ws/ with WebSocket upgrade headers, sticky by client address, and waits long enough on it', () => {
    const ws = /location \/ws\/ \{([^}]*)\}/.exec(nginxConf)?.[1] ?? '';
    expect(ws).toContain('proxy_pass http://roompulse_ws;');
    expect(ws).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(ws).toContain('proxy_set_header Connection $connection_upgrade;');
    const readTimeout = /proxy_read_timeout (\d+)([smh]);/.exec(ws);
    const seconds =
      Number(readTimeout?.[1]) *
      ({ s: 1, m: 60, h: 3600 } as Record<string, number>)[readTimeout?.[2] ?? 's'];
    // Well above socket.io's 25 s ping interval plus its 20 s ping timeout.
    expect(seconds).toBeGreaterThanOrEqual(300);
    expect(/upstream roompulse_ws \{([^}]*)\}/.exec(nginxConf)?.[1]).toMatch(
      /hash \$remote_addr consistent;/,
    );
  });

  it('uses only variables docker/.env.example lists or that have a default, and requires the secrets', () => {
    const used = interpolations(composeText);
    expect(used.filter((u) => u.form !== 'default' && !(u.name in envExample))).toEqual([]);
    expect(new Set(used.filter((u) => u.form === 'required').map((u) => u.name))).toEqual(
      new Set(['JWT_SECRET', 'REDIS_PASSWORD']),
    );
  });

  it('is refused as shipped: compose until JWT_SECRET and REDIS_PASSWORD are set, the backend until ADMIN_PASSWORD is', async () => {
    expect(envExample['JWT_SECRET']).toBe('');
    expect(envExample['REDIS_PASSWORD']).toBe('');
    expect(() => containerEnv(compose.services['backend-1'], envExample)).toThrow(
      /required variable (JWT_SECRET|REDIS_PASSWORD)/,
    );
    const filled = {
      ...envExample,
      JWT_SECRET: randomBytes(48).toString('base64'),
      REDIS_PASSWORD: 'x',
    };
    const env = {
      ...containerEnv(compose.services['backend-1'], filled),
      REDIS_URL,
      REDIS_KEY_PREFIX: uniquePrefix('rp-docker-test'),
    };
    const failure = await new BackendProcess({ exactEnv: true, env }).start().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(BackendExit);
    expect((failure as BackendExit).output).toContain(
      'ADMIN_PASSWORD must be set together with ADMIN_USERNAME',
    );
  });

  it('runs the backend with the environment a replica gets once docker/.env is filled in', async () => {
    const keyPrefix = uniquePrefix('rp-docker-test');
    const dotenv = {
      ...envExample,
      JWT_SECRET: randomBytes(48).toString('base64'),
      REDIS_PASSWORD: randomBytes(24).toString('hex'),
      ADMIN_PASSWORD: randomBytes(12).toString('base64url'),
    };
    const env = containerEnv(compose.services['backend-1'], dotenv);
    expect(env['REDIS_URL']).toBe(`redis://:${dotenv.REDIS_PASSWORD}@redis:6379`);
    // Here: the local Redis (no password) instead of the compose service, and a key prefix of its own.
    const backend = new BackendProcess({
      exactEnv: true,
      env: {
        ...env,
        REDIS_URL,
        REDIS_KEY_PREFIX: keyPrefix,
        DASHBOARD_DIR: join(ROOT, 'dist/dashboard/browser'),
      },
    });
    try {
      await backend.start();
      expect((await http(`${backend.url}/health`)).json()).toMatchObject({
        status: 'ok',
        store: 'redis',
      });
      const login = await http(`${backend.url}/api/auth/login`, {
        method: 'POST',
        body: { username: 'admin', password: dotenv.ADMIN_PASSWORD },
      });
      expect(login.status).toBe(200);
      expect(backend.output).not.toContain('JWT_SECRET is unset');
    } finally {
      await backend.stop();
      await deleteKeys(keyPrefix);
    }
  });

  it('keeps docker/.env out of git (root .gitignore) and out of the image build context', () => {
    const ignored = spawnSync('git', ['check-ignore', '-q', 'docker/.env'], { cwd: ROOT });
    expect(ignored.status).toBe(0);
    expect(
      spawnSync('git', ['check-ignore', '-q', 'docker/.env.example'], { cwd: ROOT }).status,
    ).toBe(1);
    const dockerignore = readFileSync(join(DOCKER_DIR, 'Dockerfile.dockerignore'), 'utf8').split(
      '\n',
    );
    expect(dockerignore).toEqual(
      expect.arrayContaining(['docker/.env', '**/.env', '**/node_modules', 'dist', '.git']),
    );
  });
});
