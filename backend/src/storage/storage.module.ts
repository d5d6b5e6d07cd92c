import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RedisSettings } from '../config/settings';
import { RedisConnection } from './redis-connection';

/** The Redis connection, or null when REDIS_URL is unset and the in-memory stores are used. */
export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

@Global()
@Module({
  providers: [
    {
      provide: REDIS_CONNECTION,
      inject: [ConfigService],
      useFactory: async (config: ConfigService): Promise<RedisConnection | null> => {
        const { url, keyPrefix } = config.getOrThrow<RedisSettings>('redis');
        if (!url) return null;
        const connection = new RedisConnection(url, keyPrefix);
        await connection.connect();
        return connection;
      },
    },
  ],
  exports: [REDIS_CONNECTION],
})
export class StorageModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Storage');

  constructor(@Inject(REDIS_CONNECTION) private readonly redis: RedisConnection | null) {}

  onModuleInit(): void {
    if (!this.redis) {
      this.logger.warn(
        'REDIS_URL is unset: using the embedded in-memory store (data is lost on restart, one instance only)',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.close();
  }
}
