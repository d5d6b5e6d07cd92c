import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError } from './config/config.error';
import { loadSettings, type Settings } from './config/settings';

async function main(): Promise<void> {
  let settings: Settings;
  try {
    settings = loadSettings(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = new Logger('RoomPulse');
  if (settings.auth.jwtSecretGenerated) {
    logger.warn(
      'JWT_SECRET is unset: signing with a random per-process key; tokens die with this process',
    );
  }
  const app = await createApp(settings);
  await app.listen(settings.http.port);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  logger.log(
    `RoomPulse backend listening on ${url} (store: ${settings.redis.url ? 'redis' : 'memory'})`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `RoomPulse failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
