// `npm start`: builds what is missing (Nx cache makes a no-change build take seconds), then runs one
// backend process that serves the API, the socket stream and the dashboard on the embedded store.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const projects = existsSync(join(root, 'dashboard/project.json')) ? 'backend,dashboard' : 'backend';

console.log(`RoomPulse: building ${projects} (cached after the first run)…`);
const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', projects, '--outputStyle=static'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
});
if (build.status !== 0) {
  console.error('RoomPulse: the build failed; run "npx nx run-many -t build" to see why.');
  process.exit(build.status ?? 1);
}

const adminUser = process.env.ADMIN_USERNAME || 'admin';
const adminPassword = process.env.ADMIN_PASSWORD || randomBytes(9).toString('base64url');
const port = process.env.PORT || '3000';
const backend = spawn(process.execPath, [join(root, 'dist/backend/main.js')], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    PORT: port,
    ADMIN_USERNAME: adminUser,
    ADMIN_PASSWORD: adminPassword,
    DASHBOARD_DIR: process.env.DASHBOARD_DIR || join(root, 'dist/dashboard/browser'),
  },
});

let announced = false;
backend.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /listening on/.test(chunk.toString())) {
    announced = true;
    console.log(
      [
        '',
        '  RoomPulse is running.',
        `  Open      http://localhost:${port}`,
        `  Sign in   ${adminUser} / ${process.env.ADMIN_PASSWORD ? '(your ADMIN_PASSWORD)' : adminPassword}`,
        `  API       http://localhost:${port}/api  ·  health: http://localhost:${port}/health`,
        `  Store     ${process.env.REDIS_URL ? 'Redis' : 'embedded in-memory (set REDIS_URL for Redis)'}`,
        '  Stop      Ctrl-C',
        '',
      ].join('\n'),
    );
  }
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => backend.kill('SIGTERM'));
}
backend.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
