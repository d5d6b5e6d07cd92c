import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createClient } from 'redis';

export const ROOT = join(__dirname, '../../..');
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const ADMIN = { username: 'e2e-admin', password: randomBytes(12).toString('base64url') };

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

export interface BackendOptions {
  port?: number;
  keyPrefix?: string;
  env?: Record<string, string>;
}

/**
 * The built backend (`dist/backend/main.js`) as a real child process on real Redis, serving the
 * built dashboard: exactly what `npm start` and the Docker image run.
 */
export class BackendProcess {
  readonly keyPrefix: string;
  port = 0;
  private child: ChildProcess | null = null;
  private log = '';

  constructor(private readonly options: BackendOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? `rp-e2e:${randomBytes(5).toString('hex')}:`;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get output(): string {
    return this.log;
  }

  async start(): Promise<void> {
    this.port = this.port || this.options.port || (await freePort());
    this.log = '';
    const child = spawn(process.execPath, [join(ROOT, 'dist/backend/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(this.port),
        REDIS_URL,
        REDIS_KEY_PREFIX: this.keyPrefix,
        JWT_SECRET: 'e2e-signing-key-not-a-secret-0123456789abcdef',
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
        DASHBOARD_DIR: join(ROOT, 'dist/dashboard/browser'),
        NO_COLOR: '1',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`backend did not start:\n${this.log}`)),
        30_000,
      );
      const check = () => {
        if (/listening on/.test(this.log)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`backend exited with ${code}:\n${this.log}`));
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
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  }

  /** Stops the process and deletes every Redis key it wrote. */
  async dispose(): Promise<void> {
    await this.stop();
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    try {
      for await (const keys of client.scanIterator({ MATCH: `${this.keyPrefix}*`, COUNT: 500 })) {
        if (keys.length > 0) await client.del(keys);
      }
    } finally {
      await client.close();
    }
  }
}
