// Sums the per-run Jest summaries (tools/jest-summary-reporter.cjs) into the one closing line CI
// reads, and counts every failed non-test Nx task (lint, typecheck, build) as one failure.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, statusArg] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const summary = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += summary.passed;
  failed += summary.failed;
  skipped += summary.skipped;
}

const log = readFileSync(join(dir, 'npm-test.log'), 'utf8');
const failedTasks = new Set(
  [...log.matchAll(/^\s*-\s+([\w-]+):([\w-]+)\s*$/gm)].map((m) => `${m[1]}:${m[2]}`),
);
const testsFailed = failed > 0;
for (const task of failedTasks) {
  const target = task.split(':')[1];
  if (target !== 'test' && target !== 'e2e') failed += 1;
  else if (!testsFailed) failed += 1; // a test run that crashed before reporting
}
if (Number(statusArg) !== 0 && failed === 0) failed = 1;

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
