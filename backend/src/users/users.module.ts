import { Module } from '@nestjs/common';
import { REDIS_CONNECTION } from '../storage/storage.module';
import type { RedisConnection } from '../storage/redis-connection';
import { MemoryUserStore } from './memory-user.store';
import { PasswordHasher } from './password-hasher';
import { RedisUserStore } from './redis-user.store';
import { USER_STORE } from './user.store';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [
    PasswordHasher,
    UsersService,
    {
      provide: USER_STORE,
      inject: [REDIS_CONNECTION],
      useFactory: (redis: RedisConnection | null) =>
        redis ? new RedisUserStore(redis) : new MemoryUserStore(),
    },
  ],
  exports: [UsersService],
})
export class UsersModule {}
