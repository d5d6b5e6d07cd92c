import { createClient } from 'redis';
import { REDIS_URL } from './paths';

export async function withRedis<T>(
  work: (client: ReturnType<typeof createClient>) => Promise<T>,
): Promise<T> {
  const client = createClient({ url: REDIS_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

/** Deletes every key starting with `prefix` (a run's own key prefix). */
export async function deleteKeys(prefix: string): Promise<void> {
  await withRedis(async (client) => {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      if (keys.length > 0) await client.unlink(keys);
    }
  });
}

/** Redis's own process id and version, to count its CPU time and name it in the results. */
export async function redisServerInfo(): Promise<{ pid: number; version: string }> {
  return withRedis(async (client) => {
    const info = await client.info('server');
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
    return { pid: Number(field('process_id')), version: field('redis_version') };
  });
}
