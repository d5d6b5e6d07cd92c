import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RealtimeSettings } from '../config/settings';
import type { RedisConnection } from '../storage/redis-connection';
import { REDIS_CONNECTION } from '../storage/storage.module';
import { TrackingModule } from '../tracking/tracking.module';
import { RealtimeController } from './realtime.controller';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisher } from './realtime.publisher';
import { RealtimeStatsService } from './realtime-stats.service';
import { RoomFilterSignal } from './room-filter-signal';
import { SnapshotService } from './snapshot.service';

/** The dashboard stream. Its socket.io server is configured by `RealtimeIoAdapter`, installed in `createApp`. */
@Module({
  imports: [TrackingModule],
  controllers: [RealtimeController],
  providers: [
    RealtimeGateway,
    RealtimePublisher,
    SnapshotService,
    RealtimeStatsService,
    {
      provide: RoomFilterSignal,
      inject: [REDIS_CONNECTION, ConfigService],
      useFactory: (redis: RedisConnection | null, config: ConfigService) =>
        RoomFilterSignal.create(
          redis,
          config.getOrThrow<RealtimeSettings>('realtime').recoveryWindowMs,
        ),
    },
  ],
  exports: [RealtimeStatsService],
})
export class RealtimeModule {}
