import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { TrackingModule } from '../tracking/tracking.module';
import { HealthController } from './health.controller';

@Module({ imports: [TrackingModule, RealtimeModule], controllers: [HealthController] })
export class HealthModule {}
