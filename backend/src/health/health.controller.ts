import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../common/decorators/public.decorator';
import { RealtimeStatsService } from '../realtime/realtime-stats.service';
import { TELEMETRY_STORE, type TelemetryStore } from '../tracking/telemetry.store';

export interface HealthBody {
  status: 'ok' | 'unavailable';
  store: 'redis' | 'memory';
  uptime_seconds: number;
  /** Dashboards connected to this instance (each instance answers for itself). */
  connections: number;
}

/** For load balancers and container healthchecks: 503 while the store cannot be reached. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    private readonly realtime: RealtimeStatsService,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthBody> {
    const ok = await this.store.ping();
    response.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'unavailable',
      store: this.store.kind,
      uptime_seconds: Math.round(process.uptime()),
      connections: this.realtime.connections(),
    };
  }
}
