import type { BenchmarkResult, ResultRow } from './types';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  redis: string;
  os: string;
}

function number(value: number | null, unit = ''): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
  return unit ? `${text} ${unit}` : text;
}

function verdict(row: ResultRow): string {
  if (row.pass === null) return '—';
  return row.pass ? '**pass**' : '**FAIL**';
}

/** The results as one Markdown table, then the machine they were measured on. */
export function markdown(
  results: readonly BenchmarkResult[],
  machine: Machine,
  note?: string,
): string {
  const lines = [
    '| # | figure | value | reference | ratio | target | result |',
    '|---|---|---:|---:|---:|---|---|',
  ];
  for (const result of results) {
    if (result.error) {
      lines.push(
        `| ${result.id} | ${result.title}: did not run (${result.error.split('\n')[0].replace(/\|/g, '/')}) | — | — | — | — | **ERROR** |`,
      );
      continue;
    }
    for (const row of result.rows) {
      const reference =
        row.reference === null
          ? (row.referenceNote ?? '—')
          : `${number(row.reference, row.unit)}${row.referenceNote ? ` (${row.referenceNote})` : ''}`;
      lines.push(
        `| ${row.benchmark} | ${row.figure} | ${number(row.value, row.unit)} | ${reference} | ${row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`} | ${row.target} | ${verdict(row)} |`,
      );
    }
  }
  lines.push(
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, Redis ${machine.redis}, ${machine.os}. ` +
      'Server, Redis and load generators share these cores.',
  );
  if (note) lines.push('', note);
  return lines.join('\n');
}
