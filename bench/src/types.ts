import type { BenchBackend, BenchSecrets } from './support/backend';
import type { BenchOptions } from './options';

/** One line of the results table. */
export interface ResultRow {
  benchmark: string;
  figure: string;
  value: number | null;
  unit: string;
  /** The same figure measured on the reference in the same run (or a documented one). */
  reference: number | null;
  referenceNote?: string;
  /** value / reference. */
  ratio: number | null;
  target: string;
  /** null: reported only, no target. */
  pass: boolean | null;
}

export interface BenchmarkResult {
  id: string;
  title: string;
  rows: ResultRow[];
  /** Everything measured, for the JSON file. */
  details: Record<string, unknown>;
  /** Why a benchmark could not run; its rows are then missing. */
  error?: string;
}

export interface BenchContext {
  options: BenchOptions;
  secrets: BenchSecrets;
  redisPid: number;
  log(line: string): void;
  /** Measured seconds: the option, else `smoke` in a smoke run, else `normal`. */
  duration(normal: number, smoke: number): number;
  /** A workload size times the scale, at least `min`. */
  scaled(size: number, min?: number): number;
  /**
   * Starts the backend build under test (`--backend`), with `--cpu-prof` into
   * bench/results/profiles/<name>.cpuprofile when asked; serves the dashboard build for B4.
   */
  startBackend(
    name: string,
    options?: { dashboard?: boolean; nodeArgs?: string[] },
  ): Promise<BenchBackend>;
}

export function ratio(value: number | null, reference: number | null): number | null {
  if (
    value === null ||
    reference === null ||
    !Number.isFinite(value) ||
    !Number.isFinite(reference) ||
    reference === 0
  ) {
    return null;
  }
  return value / reference;
}
