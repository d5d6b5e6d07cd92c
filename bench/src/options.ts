export const BENCHMARK_IDS = ['B1', 'B2', 'B3', 'B4', 'B5'] as const;
export type BenchmarkId = (typeof BENCHMARK_IDS)[number];

export interface BenchOptions {
  /** Benchmarks to run, in this order. */
  only: BenchmarkId[];
  /** Seconds-long runs at small scale: checks that every benchmark still produces numbers. */
  smoke: boolean;
  /** Multiplies every workload size (connections, rooms, dashboards); 1 is the workload. */
  scale: number;
  /** Measured seconds of every benchmark, instead of each one's default (10, 10, 20, 60, –). */
  durationSeconds: number | null;
  /** B3: dashboard counts of the curve, before `scale`. */
  clients: number[];
  /** Also measure the references (reference ingest server, bare socket.io). */
  reference: boolean;
  /** Run the backend with `--cpu-prof`; profiles go to bench/results/profiles/. */
  cpuProfile: boolean;
  /** B4: record a Chromium performance trace of the first seconds measured and summarise it. */
  trace: boolean;
  /** JSON results file; default bench/results/<timestamp>.json. */
  out: string | null;
  /** The backend build to measure (default dist/backend/main.js), e.g. an older one to compare. */
  backendMain: string | null;
  /** The dashboard build B4 serves (default dist/dashboard/browser). */
  dashboardDir: string | null;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  only: [...BENCHMARK_IDS],
  smoke: false,
  scale: 1,
  durationSeconds: null,
  clients: [100, 500, 1000, 2000],
  reference: true,
  cpuProfile: false,
  trace: false,
  out: null,
  backendMain: null,
  dashboardDir: null,
};

export const USAGE = `Usage: node dist/bench/main.js [options]   (or: npm run bench -- [options])

  --only B1,B3        run these benchmarks only (B1 B2 B3 B4 B5; default all)
  --scale <f>         multiply workload sizes (connections, rooms, dashboards) by f (default 1)
  --duration <s>      measured seconds of each benchmark (default B1 10, B2 10, B3 20, B4 60)
  --clients <list>    B3 dashboard counts, e.g. 100,500 (default 100,500,1000,2000)
  --no-reference      skip the reference measurements
  --cpu-prof          run the backend with --cpu-prof (profiles in bench/results/profiles/)
  --trace             B4: record a 5 s Chromium trace (bench/results/profiles/dashboard-trace.json)
                      and print where the page's main thread spent its time
  --smoke             seconds-long runs at small scale (what the test target runs)
  --out <file>        where to write the JSON results (default bench/results/<timestamp>.json)
  --backend <file>    backend build to measure (default dist/backend/main.js), to compare builds
  --dashboard <dir>   dashboard build for B4 (default dist/dashboard/browser)
  --help`;

export class UsageError extends Error {}

function positive(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${name} needs a positive number (got ${raw ?? 'nothing'})`);
  }
  return value;
}

/** Reads the command line; throws {@link UsageError} naming the bad option. */
export function parseArgs(argv: readonly string[]): BenchOptions | 'help' {
  const options: BenchOptions = { ...DEFAULT_OPTIONS, only: [...DEFAULT_OPTIONS.only] };
  let clientsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=')
      ? (arg.split(/=(.*)/s, 2) as [string, string])
      : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--only': {
        const ids = (value() ?? '')
          .split(',')
          .map((id) => id.trim().toUpperCase())
          .filter(Boolean);
        const unknown = ids.filter((id) => !(BENCHMARK_IDS as readonly string[]).includes(id));
        if (ids.length === 0 || unknown.length > 0) {
          throw new UsageError(
            `--only takes ${BENCHMARK_IDS.join(', ')} (got ${unknown.join(', ') || 'nothing'})`,
          );
        }
        options.only = BENCHMARK_IDS.filter((id) => ids.includes(id));
        break;
      }
      case '--scale':
        options.scale = positive('--scale', value());
        break;
      case '--duration':
        options.durationSeconds = positive('--duration', value());
        break;
      case '--clients': {
        const raw = value() ?? '';
        options.clients = raw.split(',').map((n) => Math.round(positive('--clients', n)));
        clientsGiven = true;
        break;
      }
      case '--no-reference':
        options.reference = false;
        break;
      case '--cpu-prof':
        options.cpuProfile = true;
        break;
      case '--trace':
        options.trace = true;
        break;
      case '--smoke':
        options.smoke = true;
        break;
      case '--backend':
        options.backendMain = value() ?? null;
        if (!options.backendMain) throw new UsageError('--backend needs a file name');
        break;
      case '--dashboard':
        options.dashboardDir = value() ?? null;
        if (!options.dashboardDir) throw new UsageError('--dashboard needs a folder');
        break;
      case '--out':
        options.out = value() ?? null;
        if (!options.out) throw new UsageError('--out needs a file name');
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (options.smoke) {
    if (options.scale === 1) options.scale = 0.05;
    if (!clientsGiven) options.clients = [100];
  }
  return options;
}
