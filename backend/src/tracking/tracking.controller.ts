import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import {
  type RoomsResponse,
  type StoredTelemetry,
  type TelemetryAck,
  type TelemetryBatchRequest,
  type TelemetryBatchResponse,
  type TelemetryUpdateData,
} from '@roompulse/contracts';
import { Roles } from '../common/decorators/roles.decorator';
import { TelemetryBatchPipe } from './telemetry-batch.pipe';
import { TelemetryUpdatePipe } from './telemetry-update.pipe';
import { TrackingService } from './tracking.service';

@Controller('api/tracking')
export class TrackingController {
  constructor(private readonly tracking: TrackingService) {}

  @Post('telemetry')
  @Roles('ingest', 'admin')
  @HttpCode(202)
  async ingest(@Body(TelemetryUpdatePipe) update: TelemetryUpdateData): Promise<TelemetryAck> {
    const status = await this.tracking.ingest(update);
    return { status, room_id: update.room_id, platform: update.platform };
  }

  @Post('telemetry/batch')
  @Roles('ingest', 'admin')
  @HttpCode(200)
  async ingestBatch(
    // A type, not the class, so that the global ValidationPipe leaves the body to this pipe.
    @Body(TelemetryBatchPipe) body: Pick<TelemetryBatchRequest, 'updates'>,
  ): Promise<TelemetryBatchResponse> {
    return { results: await this.tracking.ingestBatch(body.updates) };
  }

  @Get('telemetry/:room_id/:platform')
  @Roles('viewer', 'admin')
  async read(
    @Param('room_id') roomId: string,
    @Param('platform') platform: string,
  ): Promise<StoredTelemetry> {
    const stored = await this.tracking.read(roomId, platform);
    if (!stored)
      throw new NotFoundException(`no live figures for room "${roomId}" on "${platform}"`);
    return stored;
  }

  @Get('rooms')
  @Roles('viewer', 'admin')
  async rooms(): Promise<RoomsResponse> {
    return { rooms: await this.tracking.list() };
  }
}
