import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths';
import { WRITE_SCRIPT } from './write-script';

describe('reference write script', () => {
  it("is the backend's check-and-set script, word for word", () => {
    const source = readFileSync(
      join(ROOT, 'backend/src/tracking/redis-telemetry.store.ts'),
      'utf8',
    );
    const backendScript = /const WRITE_SCRIPT = `([\s\S]*?)`;/.exec(source)?.[1];
    expect(backendScript).toBeDefined();
    expect(WRITE_SCRIPT).toBe(backendScript);
  });
});
