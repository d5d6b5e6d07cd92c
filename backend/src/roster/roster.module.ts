import { Module } from '@nestjs/common';
import { REDIS_CONNECTION } from '../storage/storage.module';
import type { RedisConnection } from '../storage/redis-connection';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';
import { MemoryRosterStore, RedisRosterStore, ROSTER_STORE } from './roster.store';

@Module({
  controllers: [RosterController],
  providers: [
    RosterService,
    {
      provide: ROSTER_STORE,
      inject: [REDIS_CONNECTION],
      useFactory: (redis: RedisConnection | null) =>
        redis ? new RedisRosterStore(redis) : new MemoryRosterStore(),
    },
  ],
})
export class RosterModule {}
