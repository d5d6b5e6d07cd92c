import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'redis';

export const ROOT = join(__dirname, '../..');
export const BACKEND_MAIN = join(ROOT, 'dist/backend/main.js');
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own per test run, deleted by {@link deleteKeys}. */
export function uniquePrefix(): string {
  return `rp-docker-test:${randomBytes(5).toString('hex')}:`;
}

/**
 * `node dist/backend/main.js` (what the image runs) as a child process on port 0. Its port is read
 * from the `listening on` log line; its environment is exactly `env`, plus PATH.
 */
export class BackendProcess {
  port = 0;
  private child: ChildProcess | null = null;
  private log = '';

  constructor(private readonly env: Record<string, string>) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get output(): string {
    return this.log;
  }

  async start(): Promise<this> {
    if (!existsSync(BACKEND_MAIN)) {
      throw new Error(
        `${BACKEND_MAIN} is missing: run "NX_DAEMON=false npx nx build backend" (docker:test depends on it)`,
      );
    }
    const child = spawn(process.execPath, [BACKEND_MAIN], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', PORT: '0', ...this.env },
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
        const match = /listening on http:\/\/[^:]+:(\d+)/.exec(this.log);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
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
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  }
}

/** The backend exited before listening (a configuration error, typically); `output` says why. */
export class BackendExit extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`backend exited with ${code}:\n${output}`);
  }
}

/** SCAN + DEL of every key under `prefix`. */
export async function deleteKeys(prefix: string): Promise<number> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  let deleted = 0;
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) deleted += await client.del(keys);
    }
  } finally {
    await client.close();
  }
  return deleted;
}
