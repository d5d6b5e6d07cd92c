import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { configModule } from './config/config.module';
import type { Settings } from './config/settings';
import { HealthModule } from './health/health.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RosterModule } from './roster/roster.module';
import { StorageModule } from './storage/storage.module';
import { TrackingModule } from './tracking/tracking.module';

@Module({})
export class AppModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        configModule(settings),
        StorageModule,
        AuthModule,
        TrackingModule,
        RosterModule,
        RealtimeModule,
        HealthModule,
      ],
    };
  }
}
