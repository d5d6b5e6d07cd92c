import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT } from '@roompulse/test-support';

export const NGINX_CONF = join(ROOT, 'docker/nginx.conf');

/** Response header the test configuration adds: which backend (`127.0.0.1:port`) answered. */
export const UPSTREAM_HEADER = 'x-test-upstream';

/** nginx from NGINX_BIN, /usr/sbin/nginx or PATH; a clear error when there is none. */
export function findNginx(): string {
  const candidates = [process.env['NGINX_BIN'], '/usr/sbin/nginx', '/usr/bin/nginx'].filter(
    (c): c is string => !!c,
  );
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error(
    'nginx is not installed, so docker/nginx.conf cannot be tested: apt-get install -y nginx-light ' +
      '(or set NGINX_BIN to an nginx binary)',
  );
}

export { freePort };

export interface RenderOptions {
  /** Local address of each compose service named in nginx.conf, e.g. `{ 'backend-1': '127.0.0.1:41000' }`. */
  backends: Record<string, string>;
  listen: string;
  dir: string;
}

/**
 * docker/nginx.conf as it is, except for the addresses: the compose services become local backends
 * and `listen 8080` a loopback port. It is wrapped in a main configuration that keeps pid, logs and
 * temp files in `dir`, and that adds {@link UPSTREAM_HEADER} to every proxied answer. Throws when
 * nginx.conf no longer has the lines this rewrites, so the test cannot drift away from the file.
 */
export function renderConf(source: string, options: RenderOptions): string {
  let servers = 0;
  const body = source.replace(/\bserver ([a-z0-9-]+):3000\b/g, (_, service: string) => {
    const address = options.backends[service];
    if (!address)
      throw new Error(`nginx.conf names an upstream server "${service}" the test does not know`);
    servers += 1;
    return `server ${address}`;
  });
  if (servers !== 2 * Object.keys(options.backends).length) {
    throw new Error(
      `expected each backend in both upstreams of nginx.conf, found ${servers} server lines`,
    );
  }
  const listens = body.match(/^\s*listen 8080;$/gm) ?? [];
  if (listens.length !== 1)
    throw new Error(`expected one "listen 8080;" in nginx.conf, found ${listens.length}`);
  const server = body.replace(/^(\s*)listen 8080;$/m, `$1listen ${options.listen};`);
  const d = options.dir;
  return [
    // Running as root (CI containers), workers would otherwise switch to "nobody" and lose the temp dirs.
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    'worker_processes 1;',
    `pid ${d}/nginx.pid;`,
    `error_log ${d}/error.log info;`,
    'events { worker_connections 1024; }',
    'http {',
    `  access_log ${d}/access.log;`,
    `  client_body_temp_path ${d}/client_body;`,
    `  proxy_temp_path ${d}/proxy;`,
    `  fastcgi_temp_path ${d}/fastcgi;`,
    `  uwsgi_temp_path ${d}/uwsgi;`,
    `  scgi_temp_path ${d}/scgi;`,
    `  add_header ${UPSTREAM_HEADER} $upstream_addr always;`,
    server,
    '}',
    '',
  ].join('\n');
}

/** nginx in the foreground (`daemon off`) with a generated configuration in a temp directory. */
export class NginxProcess {
  readonly dir = mkdtempSync(join(tmpdir(), 'rp-nginx-'));
  port = 0;
  private child: ChildProcess | null = null;
  private readonly binary = findNginx();

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get confPath(): string {
    return join(this.dir, 'nginx.conf');
  }

  /** `nginx -t` on the configuration; returns its output. Throws with it when the test fails. */
  check(): string {
    const result = spawnSync(
      this.binary,
      ['-t', '-p', this.dir, '-c', this.confPath, '-e', join(this.dir, 'error.log')],
      {
        encoding: 'utf8',
      },
    );
    const output = `${result.stdout}${result.stderr}`;
    if (result.status !== 0) throw new Error(`nginx -t failed:\n${output}`);
    return output;
  }

  /** Writes `docker/nginx.conf` (optionally changed by `edit`) for these backends, checks and starts it. */
  async start(
    backends: Record<string, string>,
    edit: (conf: string) => string = (c) => c,
  ): Promise<this> {
    this.port = await freePort();
    for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
      mkdirSync(join(this.dir, sub), { recursive: true });
    const conf = renderConf(edit(readFileSync(NGINX_CONF, 'utf8')), {
      backends,
      listen: `127.0.0.1:${this.port}`,
      dir: this.dir,
    });
    writeFileSync(this.confPath, conf);
    this.check();
    const child = spawn(
      this.binary,
      ['-p', this.dir, '-c', this.confPath, '-e', join(this.dir, 'error.log'), '-g', 'daemon off;'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await this.accepting())) {
      if (child.exitCode !== null)
        throw new Error(`nginx exited with ${child.exitCode}:\n${stderr}\n${this.errorLog()}`);
      if (Date.now() > deadline)
        throw new Error(`nginx did not listen in 10 s:\n${this.errorLog()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this;
  }

  errorLog(): string {
    try {
      return readFileSync(join(this.dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private accepting(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port: this.port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
  }
}
