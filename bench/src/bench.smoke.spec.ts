import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCHMARK_IDS } from './options';
import { benchProgram, ROOT } from './support/paths';
import type { BenchmarkResult } from './types';

/**
 * The smoke mode of the built bench (`nx test bench` builds it first): every benchmark runs for
 * seconds at small scale against the built backend, dashboard and simulator, and must produce
 * numbers. Targets are not judged here; `npm run bench` does that.
 */
describe('bench --smoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rp-bench-smoke-'));
  const out = join(dir, 'results.json');
  let results: BenchmarkResult[] = [];
  let output = '';

  beforeAll(async () => {
    output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [benchProgram('main'), '--smoke', '--out', out],
        { cwd: ROOT, timeout: 110_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout),
      );
    });
    results = (JSON.parse(readFileSync(out, 'utf8')) as { results: BenchmarkResult[] }).results;
  }, 115_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every benchmark', () => {
    expect(results.map((r) => r.id)).toEqual([...BENCHMARK_IDS]);
    expect(results.filter((r) => r.error).map((r) => `${r.id}: ${r.error}`)).toEqual([]);
  });

  it.each([...BENCHMARK_IDS])('%s produces a number for every figure', (id) => {
    const result = results.find((r) => r.id === id);
    expect(result?.rows.length).toBeGreaterThan(0);
    for (const row of result?.rows ?? []) {
      expect({ figure: row.figure, finite: Number.isFinite(row.value) }).toEqual({
        figure: row.figure,
        finite: true,
      });
    }
  });

  it('prints the Markdown table and the machine', () => {
    expect(output).toContain('| # | figure | value | reference | ratio | target | result |');
    expect(output).toMatch(/Machine: \d+ cores .* Node v\d+/);
  });
});
