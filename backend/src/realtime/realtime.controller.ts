import { Controller, Get } from '@nestjs/common';
import { Roles } from '../common/decorators/roles.decorator';
import { RealtimeStatsService, type RealtimeStats } from './realtime-stats.service';

@Controller('api/realtime')
export class RealtimeController {
  constructor(private readonly realtime: RealtimeStatsService) {}

  @Get('stats')
  @Roles('admin')
  stats(): Promise<RealtimeStats> {
    return this.realtime.stats();
  }
}
