import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { MAX_BATCH_SIZE } from './limits';
import type { Platform } from './platform';
import type { TelemetryUpdateData } from './telemetry-update.dto';

/**
 * Body of `POST /api/tracking/telemetry/batch`. Items are validated one by one (an invalid item
 * does not reject its neighbours), so they stay plain objects here.
 */
export class TelemetryBatchRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_SIZE)
  updates!: TelemetryUpdateData[];
}

/** `accepted`: stored and published. `stale`: older than the stored figures, ignored. */
export type TelemetryWriteStatus = 'accepted' | 'stale';

/** 202 body of `POST /api/tracking/telemetry`. */
export interface TelemetryAck {
  status: TelemetryWriteStatus;
  room_id: string;
  platform: Platform;
}

/** One field's validation failure. */
export interface FieldError {
  field: string;
  reason: string;
}

/** One item of a batch answer, in request order. */
export type TelemetryBatchResult =
  | (TelemetryAck & { index: number })
  | { index: number; status: 'invalid'; room_id?: string; platform?: string; errors: FieldError[] };

/** 200 body of `POST /api/tracking/telemetry/batch`. */
export interface TelemetryBatchResponse {
  results: TelemetryBatchResult[];
}

/** A room's latest figures as stored: the update plus when the server received it (Unix ms). */
export interface StoredTelemetry extends TelemetryUpdateData {
  received_at: number;
}

/** 200 body of `GET /api/tracking/rooms`. */
export interface RoomsResponse {
  rooms: StoredTelemetry[];
}
