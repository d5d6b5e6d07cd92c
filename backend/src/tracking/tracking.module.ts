import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { TelemetrySettings } from '../config/settings';
import { REDIS_CONNECTION } from '../storage/storage.module';
import type { RedisConnection } from '../storage/redis-connection';
import { MemoryTelemetryStore } from './memory-telemetry.store';
import { RedisTelemetryStore } from './redis-telemetry.store';
import { TELEMETRY_STORE } from './telemetry.store';
import { TelemetryPublisher } from './telemetry.publisher';
import { TelemetryBatchPipe } from './telemetry-batch.pipe';
import { TelemetryUpdatePipe } from './telemetry-update.pipe';
import { CLOCK, TelemetryValidator } from './telemetry.validator';
import { TrackingController } from './tracking.controller';
import { TrackingService } from './tracking.service';

@Module({
  controllers: [TrackingController],
  providers: [
    { provide: CLOCK, useValue: Date.now },
    TelemetryPublisher,
    TelemetryValidator,
    TelemetryUpdatePipe,
    TelemetryBatchPipe,
    TrackingService,
    {
      provide: TELEMETRY_STORE,
      inject: [REDIS_CONNECTION, ConfigService],
      useFactory: (redis: RedisConnection | null, config: ConfigService) => {
        const { ttlSeconds } = config.getOrThrow<TelemetrySettings>('telemetry');
        return redis
          ? new RedisTelemetryStore(redis, ttlSeconds)
          : new MemoryTelemetryStore(ttlSeconds);
      },
    },
  ],
  exports: [TELEMETRY_STORE, TelemetryPublisher, TrackingService],
})
export class TrackingModule {}
