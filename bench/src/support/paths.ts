import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The workspace root: the nearest folder above this file that holds `nx.json` (source or bundle). */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const ROOT = findRoot(__dirname);
export const DIST = join(ROOT, 'dist');
/** Where the bench's own programs are built (`nx build bench`). */
export const BENCH_DIST = join(DIST, 'bench');
export const RESULTS_DIR = join(ROOT, 'bench/results');
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/lib/chromium/chromium';

export function benchProgram(name: string): string {
  return join(BENCH_DIST, `${name}.js`);
}
