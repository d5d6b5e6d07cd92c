import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'redis';

export const ROOT = join(__dirname, '../../../..');
export const BACKEND_MAIN = join(ROOT, 'dist/backend/main.js');
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * The built backend (`dist/backend/main.js`, what the Docker image runs) as a child process on
 * port 0 with its own Redis key prefix. Its URL is read from the `listening on` log line.
 */
export class BackendProcess {
  readonly keyPrefix = `rp-sim-test:${randomBytes(5).toString('hex')}:`;
  readonly admin = { username: 'sim-test-admin', password: randomBytes(12).toString('base64url') };
  url = '';
  private child: ChildProcess | null = null;
  private log = '';

  async start(): Promise<this> {
    if (!existsSync(BACKEND_MAIN)) {
      throw new Error(
        `${BACKEND_MAIN} is missing: run "NX_DAEMON=false npx nx build backend" (the test target depends on it)`,
      );
    }
    const child = spawn(process.execPath, [BACKEND_MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'test',
        NO_COLOR: '1',
        PORT: '0',
        REDIS_URL,
        REDIS_KEY_PREFIX: this.keyPrefix,
        JWT_SECRET: 'simulator-integration-test-signing-key-0123456789',
        ADMIN_USERNAME: this.admin.username,
        ADMIN_PASSWORD: this.admin.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`backend did not start in 30 s:\n${this.log}`)),
        30_000,
      );
      const check = () => {
        const match = /listening on (http:\/\/\S+)/.exec(this.log);
        if (match) {
          clearTimeout(timer);
          resolve(match[1].replace('localhost', '127.0.0.1'));
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`backend exited with ${code}:\n${this.log}`));
      });
    });
    return this;
  }

  get output(): string {
    return this.log;
  }

  /** A GET as the admin, parsed. */
  async get<T>(path: string): Promise<T> {
    const login = await fetch(`${this.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.admin),
    });
    const { access_token } = (await login.json()) as { access_token: string };
    const response = await fetch(`${this.url}${path}`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }

  /** Stops the process and deletes every Redis key it wrote. */
  async dispose(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
    }
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
