import { Module } from '@nestjs/common';
import { TrackingModule } from '../tracking/tracking.module';
import { RealtimeController } from './realtime.controller';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisher } from './realtime.publisher';
import { RealtimeStatsService } from './realtime-stats.service';
import { SnapshotService } from './snapshot.service';

/** The dashboard stream. Its socket.io server is configured by `RealtimeIoAdapter`, installed in `createApp`. */
@Module({
  imports: [TrackingModule],
  controllers: [RealtimeController],
  providers: [RealtimeGateway, RealtimePublisher, SnapshotService, RealtimeStatsService],
  exports: [RealtimeStatsService],
})
export class RealtimeModule {}
