// `npm run bench`: runs B1–B5 against the built backend (and dashboard) on real Redis, prints a
// Markdown table and writes bench/results/<timestamp>.json. See bench/README.md.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { runB1, runB2 } from './benchmarks/ingest';
import { runB3 } from './benchmarks/b3-fan-out';
import { runB4 } from './benchmarks/b4-dashboard';
import { runB5 } from './benchmarks/b5-memory';
import { parseArgs, USAGE, UsageError, type BenchmarkId, type BenchOptions } from './options';
import { markdown, type Machine } from './report';
import { BenchBackend, newSecrets } from './support/backend';
import { benchProgram, DIST, RESULTS_DIR, ROOT } from './support/paths';
import { redisServerInfo } from './support/redis';
import type { BenchContext, BenchmarkResult } from './types';

const RUNNERS: Record<
  BenchmarkId,
  { title: string; run: (ctx: BenchContext) => Promise<BenchmarkResult> }
> = {
  B1: { title: 'single-update ingest', run: runB1 },
  B2: { title: 'batch ingest', run: runB2 },
  B3: { title: 'fan-out', run: runB3 },
  B4: { title: 'dashboard rendering', run: runB4 },
  B5: { title: 'memory per dashboard connection', run: runB5 },
};

function missingBuilds(options: BenchOptions): string[] {
  const needed = [
    options.backendMain ?? join(DIST, 'backend/main.js'),
    join(DIST, 'simulator/main.js'),
    ...['http-load', 'socket-clients', 'reference-server', 'bare-socketio-server'].map(
      benchProgram,
    ),
  ];
  if (options.only.includes('B4')) {
    needed.push(join(options.dashboardDir ?? join(DIST, 'dashboard/browser'), 'index.html'));
  }
  return needed.filter((file) => !existsSync(file)).map((file) => relative(ROOT, file));
}

/** The largest `others` share found in any `cpuCores` of a benchmark's details. */
function largestOthers(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let largest = 0;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'others' && typeof child === 'number') largest = Math.max(largest, child);
    else largest = Math.max(largest, largestOthers(child));
  }
  return largest;
}

export async function runBench(
  options: BenchOptions,
  log: (line: string) => void = console.log,
): Promise<{ results: BenchmarkResult[]; machine: Machine; file: string; table: string }> {
  const missing = missingBuilds(options);
  if (missing.length > 0) {
    throw new Error(
      `missing builds: ${missing.join(', ')}\nrun: NX_DAEMON=false npx nx run-many -t build -p backend dashboard simulator bench`,
    );
  }
  const redis = await redisServerInfo();
  const machine: Machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    redis: redis.version,
    os: `Linux ${release()}`,
  };
  const secrets = newSecrets();
  const ctx: BenchContext = {
    options,
    secrets,
    redisPid: redis.pid,
    log,
    duration: (normal, smoke) => options.durationSeconds ?? (options.smoke ? smoke : normal),
    scaled: (size, min = 1) => Math.max(min, Math.round(size * options.scale)),
    startBackend: async (name, { dashboard = false, nodeArgs = [] } = {}) => {
      const backend = new BenchBackend({
        secrets,
        main: options.backendMain,
        dashboardDir: dashboard
          ? (options.dashboardDir ?? join(DIST, 'dashboard/browser'))
          : undefined,
        nodeArgs: [
          ...nodeArgs,
          ...(options.cpuProfile
            ? [
                '--cpu-prof',
                `--cpu-prof-dir=${join(RESULTS_DIR, 'profiles')}`,
                `--cpu-prof-name=${name}.cpuprofile`,
              ]
            : []),
        ],
      });
      await backend.start();
      return backend;
    },
  };
  const startedAt = new Date();
  const results: BenchmarkResult[] = [];
  for (const id of options.only) {
    const { title, run } = RUNNERS[id];
    log(`${id} ${title}…`);
    const started = Date.now();
    try {
      const result = await run(ctx);
      if (options.smoke) for (const row of result.rows) row.pass = null;
      results.push(result);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`${id} failed: ${message}`);
      results.push({ id, title, rows: [], details: {}, error: message });
    }
    log(`${id} done in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  const notes: string[] = [];
  const disturbance = Math.max(0, ...results.map((r) => largestOthers(r.details)));
  if (disturbance >= 0.1) {
    notes.push(
      `Other processes on this machine used up to ${disturbance.toFixed(2)} cores during a measurement ` +
        '(see `cpuCores.others` in the JSON): figures measured meanwhile are lower than the machine allows.',
    );
  }
  if (options.smoke) {
    notes.push(
      'Smoke run: seconds-long, small scale; the figures only show that every benchmark still measures. Targets are not evaluated.',
    );
  }
  const table = markdown(results, machine, notes.join('\n\n') || undefined);
  const file =
    options.out ?? join(RESULTS_DIR, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), machine, options, results, table }, null, 2)}\n`,
  );
  return { results, machine, file, table };
}

if (require.main === module) {
  let options: BenchOptions | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
  } else {
    runBench(options).then(
      ({ results, table, file }) => {
        console.log(`\n${table}\n\nResults: ${relative(process.cwd(), file)}`);
        process.exitCode = results.some((r) => r.error) ? 1 : 0;
      },
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
  }
}
