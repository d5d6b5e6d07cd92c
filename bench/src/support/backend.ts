import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { DIST, REDIS_URL, ROOT } from './paths';
import { deleteKeys } from './redis';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Credentials and signing key shared by the backend and the reference servers of one run. */
export interface BenchSecrets {
  jwtSecret: string;
  admin: { username: string; password: string };
}

export function newSecrets(): BenchSecrets {
  return {
    jwtSecret: randomBytes(32).toString('base64url'),
    admin: { username: 'bench-admin', password: randomBytes(12).toString('base64url') },
  };
}

export interface BackendOptions {
  secrets: BenchSecrets;
  /** The build to start; default `dist/backend/main.js`. */
  main?: string | null;
  /** Serve this dashboard build (B4). */
  dashboardDir?: string;
  /** Extra flags for node, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

/**
 * The built backend (`dist/backend/main.js`) in its own process on real Redis with a key prefix of
 * its own, in production mode: what `npm start` and the Docker image run.
 */
export class BenchBackend {
  readonly keyPrefix = `rp-bench:${randomBytes(5).toString('hex')}:`;
  port = 0;
  private child: ChildProcess | null = null;
  private output = '';

  constructor(private readonly options: BackendOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  get log(): string {
    return this.output;
  }

  /** `ws://…` of the inspector when started with `--inspect=…`. */
  get inspectorUrl(): string | null {
    return /Debugger listening on (ws:\/\/\S+)/.exec(this.output)?.[1] ?? null;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    const { secrets } = this.options;
    const child = spawn(
      process.execPath,
      [
        ...(this.options.nodeArgs ?? []),
        resolve(this.options.main ?? join(DIST, 'backend/main.js')),
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PORT: String(this.port),
          REDIS_URL,
          REDIS_KEY_PREFIX: this.keyPrefix,
          JWT_SECRET: secrets.jwtSecret,
          ADMIN_USERNAME: secrets.admin.username,
          ADMIN_PASSWORD: secrets.admin.password,
          NO_COLOR: '1',
          ...(this.options.dashboardDir && { DASHBOARD_DIR: resolve(this.options.dashboardDir) }),
          ...this.options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    const capture = (chunk: Buffer) =>
      (this.output = (this.output + chunk.toString()).slice(-65_536));
    child.stdout?.on('data', capture);
    child.stderr?.on('data', capture);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`backend did not start:\n${this.output}`)),
        30_000,
      );
      const check = () => {
        if (!/RoomPulse backend listening on/.test(this.output)) return;
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve();
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`backend exited with ${code}:\n${this.output}`));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 8000).unref();
    });
  }

  /** Stops the process and deletes every Redis key it wrote. */
  async dispose(): Promise<void> {
    await this.stop();
    await deleteKeys(this.keyPrefix);
  }
}
