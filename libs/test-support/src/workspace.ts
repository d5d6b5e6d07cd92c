import { createServer } from 'node:net';
import { join } from 'node:path';

/** The repository root, whichever project's test imports this. */
export const ROOT = join(__dirname, '../../..');

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}
