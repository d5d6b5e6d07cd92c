// `npm start`: builds what is missing (the Nx cache makes an unchanged build take seconds), then
// runs one backend process serving the API, the socket stream and the dashboard, plus the demo
// simulator feeding it. `npm start -- --no-demo` (or ROOMPULSE_DEMO=0) runs without the simulator.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const demo = !args.includes('--no-demo') && process.env.ROOMPULSE_DEMO !== '0';
const unknown = args.filter((a) => a !== '--no-demo');
if (unknown.length > 0) {
  console.error(`RoomPulse: unknown option ${unknown[0]} (the only option is --no-demo)`);
  process.exit(2);
}

const projects = demo ? 'backend,dashboard,simulator' : 'backend,dashboard';
console.log(`RoomPulse: building ${projects} (cached after the first run)…`);
const build = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'build', '-p', projects, '--outputStyle=static'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  },
);
if (build.status !== 0) {
  console.error('RoomPulse: the build failed; run "npx nx run-many -t build" to see why.');
  process.exit(build.status ?? 1);
}

const adminUser = process.env.ADMIN_USERNAME || 'admin';
const adminPassword = process.env.ADMIN_PASSWORD || randomBytes(12).toString('base64url');
const port = process.env.PORT || '3000';
const children = [];

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
children.push(backend);

let announced = false;
backend.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (announced || !/listening on/.test(chunk.toString())) return;
  announced = true;
  console.log(
    [
      '',
      '  RoomPulse is running.',
      `  Open      http://localhost:${port}`,
      `  Sign in   ${adminUser} / ${process.env.ADMIN_PASSWORD ? '(your ADMIN_PASSWORD)' : adminPassword}`,
      `  API       http://localhost:${port}/api  ·  health: http://localhost:${port}/health`,
      `  Store     ${process.env.REDIS_URL ? 'Redis' : 'embedded in-memory (set REDIS_URL for Redis)'}`,
      `  Demo      ${demo ? 'simulator feeding 40 rooms in 5 squads (npm start -- --no-demo to turn off)' : 'off'}`,
      '  Stop      Ctrl-C',
      '',
    ].join('\n'),
  );
  if (demo) startSimulator();
});

function startSimulator() {
  const simulator = spawn(
    process.execPath,
    [
      join(root, 'dist/simulator/main.js'),
      '--url',
      `http://127.0.0.1:${port}`,
      '--rooms',
      '40',
      '--squads',
      '5',
      '--interval',
      '5',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Credentials through the environment: a command line is visible to every local user.
      env: { ...process.env, ROOMPULSE_USERNAME: adminUser, ROOMPULSE_PASSWORD: adminPassword },
    },
  );
  children.push(simulator);
  const prefix = (stream) => (chunk) => {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      stream.write(`[demo] ${line}\n`);
  };
  simulator.stdout.on('data', prefix(process.stdout));
  simulator.stderr.on('data', prefix(process.stderr));
  simulator.on('exit', (code, signal) => {
    if (!stopping && code !== 0)
      console.error(
        `[demo] simulator stopped (${signal ?? `exit ${code}`}); the backend keeps running`,
      );
  });
}

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop);
backend.on('exit', (code, signal) => {
  stop();
  process.exit(stopping || signal ? 0 : (code ?? 0));
});
