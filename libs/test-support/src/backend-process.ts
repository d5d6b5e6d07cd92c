import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { deleteKeys, REDIS_URL, uniquePrefix } from './redis';
import { ROOT } from './workspace';

export const BACKEND_MAIN = join(ROOT, 'dist/backend/main.js');

export interface BackendProcessOptions {
  /** Fixed port (kept across restarts); by default the backend picks one and it is kept after. */
  port?: number;
  /** Redis key prefix; unique by default. Ignored with `exactEnv`. */
  keyPrefix?: string;
  /** Added to (and overriding) the test defaults. */
  env?: Record<string, string>;
  /**
   * Run with exactly `env` (plus PATH and PORT) instead of the test defaults, to check what a
   * deployment's own configuration does.
   */
  exactEnv?: boolean;
}

/**
 * The built backend (`dist/backend/main.js`: what `npm start` and the Docker image run) as a child
 * process, by default on real Redis with a key prefix of its own and a generated admin account.
 */
export class BackendProcess {
  readonly keyPrefix: string;
  readonly admin = { username: 'test-admin', password: randomBytes(12).toString('base64url') };
  /** Kept across stop/start, so that tokens issued before a restart stay valid after it. */
  private readonly jwtSecret = randomBytes(32).toString('base64url');
  port: number;
  private child: ChildProcess | null = null;
  private log = '';

  constructor(private readonly options: BackendProcessOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? uniquePrefix('rp-test');
    this.port = options.port ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Everything the process printed since its last start. */
  get output(): string {
    return this.log;
  }

  async start(): Promise<this> {
    if (!existsSync(BACKEND_MAIN)) {
      throw new Error(
        `${BACKEND_MAIN} is missing: run "NX_DAEMON=false npx nx build backend" first`,
      );
    }
    this.log = '';
    const child = spawn(process.execPath, [BACKEND_MAIN], {
      cwd: ROOT,
      env: this.environment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`backend did not start in 30 s:\n${this.log}`)),
        30_000,
      );
      const check = () => {
        const match = /listening on http:\/\/[^\s:]+:(\d+)/.exec(this.log);
        if (!match) return;
        clearTimeout(timer);
        resolve(Number(match[1]));
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new BackendExit(code, this.log));
      });
    });
    return this;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  }

  /** Stops the process and deletes every Redis key it wrote. */
  async dispose(): Promise<void> {
    await this.stop();
    if (!this.options.exactEnv) await deleteKeys(this.keyPrefix);
  }

  private environment(): NodeJS.ProcessEnv {
    const base = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', PORT: String(this.port) };
    if (this.options.exactEnv) return { ...base, ...this.options.env };
    return {
      ...base,
      NODE_ENV: 'test',
      REDIS_URL,
      REDIS_KEY_PREFIX: this.keyPrefix,
      JWT_SECRET: this.jwtSecret,
      ADMIN_USERNAME: this.admin.username,
      ADMIN_PASSWORD: this.admin.password,
      DASHBOARD_DIR: join(ROOT, 'dist/dashboard/browser'),
      ...this.options.env,
    };
  }
}

/** The backend exited before listening (typically a configuration error); `output` says why. */
export class BackendExit extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`backend exited with ${code}:\n${output}`);
    this.name = 'BackendExit';
  }
}
