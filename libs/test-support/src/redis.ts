import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

/** The Redis every suite uses; CI starts one on the default port. */
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A key prefix no other run uses, so suites can share one Redis and clean up after themselves. */
export function uniquePrefix(label: string): string {
  return `${label}:${randomBytes(5).toString('hex')}:`;
}

/** SCAN + DEL of every key under `prefix`; returns how many were deleted. */
export async function deleteKeys(prefix: string): Promise<number> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  let deleted = 0;
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) deleted += await client.del(keys);
    }
  } finally {
    await client.close();
  }
  return deleted;
}
