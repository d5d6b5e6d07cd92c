import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKEND_MAIN, ROOT } from '@roompulse/test-support';
import { DOCKER_DIR } from './support/compose';
import { freePort } from './support/nginx';

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  from: string;
  name: string;
  instructions: Instruction[];
}

/** Stages of a Dockerfile (continuation lines joined, comments dropped). */
function readStages(text: string): { args: Instruction[]; stages: Stage[] } {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: rest.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const [, from, name] = /^(\S+)(?: AS (\S+))?$/i.exec(instruction.args) ?? [];
      stages.push({ from, name, instructions: [] });
    } else if (stages.length === 0) {
      args.push(instruction);
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { args, stages };
}

const dockerfile = readStages(readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8'));
const stage = (name: string): Stage => {
  const found = dockerfile.stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage "${name}" in docker/Dockerfile`);
  return found;
};
const all = (s: Stage, keyword: string) =>
  s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('docker/Dockerfile', () => {
  it('builds in three stages and ships the slim Node image of the version the workspace runs', () => {
    expect(dockerfile.stages.map((s) => s.name)).toEqual(['build', 'deps', 'runtime']);
    const nodeVersion = /^NODE_VERSION=(\S+)$/.exec(
      dockerfile.args.find((a) => a.keyword === 'ARG')?.args ?? '',
    )?.[1];
    expect(stage('runtime').from).toBe('node:${NODE_VERSION}-bookworm-slim');
    expect(stage('build').from).toBe('node:${NODE_VERSION}-bookworm-slim');
    // Same major as the workspace's Node, and inside package.json "engines" (">=20.19").
    const [major, minor] = (nodeVersion ?? '').split('.').map(Number);
    expect(major).toBe(Number(process.versions.node.split('.')[0]));
    const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines
      .node as string;
    const [, minMajor, minMinor] = /^>=(\d+)\.(\d+)/.exec(engines) ?? [];
    expect(major === Number(minMajor) ? minor >= Number(minMinor) : major > Number(minMajor)).toBe(
      true,
    );
  });

  it('installs only the runtime dependencies, from the pruned lockfile, with npm ci --omit=dev', () => {
    expect(all(stage('build'), 'RUN').join('\n')).toContain(
      'node docker/runtime-deps.mjs dist/docker/runtime',
    );
    const deps = all(stage('deps'), 'RUN').join('\n');
    expect(deps).toContain('npm ci --omit=dev');
    expect(all(stage('deps'), 'COPY')).toEqual([
      '--from=build /workspace/dist/docker/runtime/package.json /workspace/dist/docker/runtime/package-lock.json ./',
    ]);
    // The runtime takes node_modules from deps, never the build stage's full install.
    const runtimeCopies = all(stage('runtime'), 'COPY');
    expect(runtimeCopies).toContain('--from=deps /app/node_modules ./node_modules');
    expect(
      runtimeCopies.filter((c) => c.startsWith('--from=build') && c.includes('node_modules')),
    ).toEqual([]);
  });

  it('runs as the unprivileged node user with production settings and the dashboard', () => {
    const runtime = stage('runtime');
    expect(all(runtime, 'USER')).toEqual(['node']);
    const env = all(runtime, 'ENV').join(' ');
    expect(env).toContain('NODE_ENV=production');
    expect(env).toContain('PORT=3000');
    expect(env).toContain('DASHBOARD_DIR=/app/dashboard');
    expect(all(runtime, 'COPY')).toContain(
      '--from=build /workspace/dist/dashboard/browser ./dashboard',
    );
    expect(all(runtime, 'EXPOSE')).toEqual(['3000']);
    expect(all(runtime, 'CMD')).toEqual(['["node", "--enable-source-maps", "backend/main.js"]']);
    // USER comes after every COPY, so the copied files stay root-owned and read-only to the process.
    const keywords = runtime.instructions.map((i) => i.keyword);
    expect(keywords.lastIndexOf('COPY')).toBeLessThan(keywords.indexOf('USER'));
  });

  it('checks its health on /health with a script the image contains', () => {
    const runtime = stage('runtime');
    expect(all(runtime, 'HEALTHCHECK')).toEqual([
      '--interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "/app/healthcheck.js"]',
    ]);
    expect(all(runtime, 'COPY')).toContain('docker/healthcheck.js ./healthcheck.js');
  });

  it('copies from the build context only files that exist', () => {
    const sources = dockerfile.stages
      .flatMap((s) => all(s, 'COPY'))
      .filter((c) => !c.startsWith('--from='))
      .flatMap((c) => c.split(' ').slice(0, -1))
      .filter((src) => src !== '.');
    expect(sources).toEqual(['package.json', 'package-lock.json', 'docker/healthcheck.js']);
    for (const source of sources) expect(existsSync(join(ROOT, source))).toBe(true);
  });
});

describe('docker/healthcheck.js', () => {
  let server: Server;
  let status = 200;
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.writeHead(request.url === '/health' ? status : 404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function run(port: number): Promise<number | null> {
    const child = spawn(process.execPath, [join(DOCKER_DIR, 'healthcheck.js')], {
      env: { PORT: String(port) },
      stdio: 'ignore',
    });
    return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  it('exits 0 while /health answers 200, and 1 on 503 or when nothing listens', async () => {
    const port = (server.address() as AddressInfo).port;
    status = 200;
    expect(await run(port)).toBe(0);
    status = 503;
    expect(await run(port)).toBe(1);
    expect(await run(await freePort())).toBe(1);
  });
});

describe('docker/runtime-deps.mjs', () => {
  const out = mkdtempSync(join(tmpdir(), 'rp-runtime-deps-'));
  const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const rootLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  let manifest: { dependencies: Record<string, string> };
  let lock: {
    lockfileVersion: number;
    packages: Record<string, { version?: string; dev?: boolean }>;
  };

  beforeAll(() => {
    if (!existsSync(BACKEND_MAIN))
      throw new Error(`${BACKEND_MAIN} is missing: build the backend first`);
    const result = spawnSync(process.execPath, [join(DOCKER_DIR, 'runtime-deps.mjs'), out], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    if (result.status !== 0)
      throw new Error(`runtime-deps.mjs failed:\n${result.stdout}${result.stderr}`);
    manifest = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'));
    lock = JSON.parse(readFileSync(join(out, 'package-lock.json'), 'utf8'));
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('lists every package the backend bundle requires, plus the Express platform Nest loads by name', () => {
    const bundle = readFileSync(BACKEND_MAIN, 'utf8');
    const required = [...bundle.matchAll(/\brequire\("([^"./][^"]*)"\)/g)]
      .map(([, s]) => s)
      .filter((s) => !s.startsWith('node:'))
      .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]));
    expect(required.length).toBeGreaterThan(10);
    expect(Object.keys(manifest.dependencies).sort()).toEqual(
      [...new Set([...required, '@nestjs/platform-express'])].sort(),
    );
    for (const [name, range] of Object.entries(manifest.dependencies))
      expect(range).toBe(rootPackage.dependencies[name]);
    expect(Object.keys(manifest.dependencies).filter((n) => n.startsWith('@angular/'))).toEqual([]);
  });

  it('writes a lockfile pruned to those packages, at the versions the workspace lockfile pins', () => {
    expect(lock.lockfileVersion).toBe(3);
    const packages = Object.entries(lock.packages).filter(([path]) => path !== '');
    expect(packages.length).toBeGreaterThan(50);
    expect(lock.packages['node_modules/argon2']?.version).toBe(
      rootLock.packages['node_modules/argon2'].version,
    );
    expect(lock.packages['node_modules/@angular/core']).toBeUndefined();
    expect(lock.packages['node_modules/typescript']).toBeUndefined();
    const drift = packages
      .filter(([path, entry]) => rootLock.packages[path]?.version !== entry.version)
      .map(([path]) => path);
    expect(drift).toEqual([]);
  });
});
