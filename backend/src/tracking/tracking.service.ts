import { Inject, Injectable } from '@nestjs/common';
import type {
  StoredTelemetry,
  TelemetryBatchResult,
  TelemetryUpdateData,
  TelemetryWriteStatus,
} from '@roompulse/contracts';
import { TELEMETRY_STORE, type TelemetryStore } from './telemetry.store';
import { TelemetryPublisher } from './telemetry.publisher';
import { CLOCK, TelemetryValidator, type Clock } from './telemetry.validator';

@Injectable()
export class TrackingService {
  constructor(
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    private readonly publisher: TelemetryPublisher,
    private readonly validator: TelemetryValidator,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async ingest(update: TelemetryUpdateData): Promise<TelemetryWriteStatus> {
    const receivedAt = this.clock();
    const status = await this.store.write(update, receivedAt);
    if (status === 'accepted') this.publisher.publish({ ...update, received_at: receivedAt });
    return status;
  }

  /** Validates each item on its own; the valid ones are written in one round trip, in order. */
  async ingestBatch(items: unknown[]): Promise<TelemetryBatchResult[]> {
    const results: TelemetryBatchResult[] = new Array(items.length);
    const valid: { index: number; update: TelemetryUpdateData }[] = [];
    items.forEach((item, index) => {
      const check = this.validator.check(item);
      if (check.ok) {
        valid.push({ index, update: check.update });
      } else {
        const raw = (typeof item === 'object' && item !== null ? item : {}) as Record<
          string,
          unknown
        >;
        results[index] = {
          index,
          status: 'invalid',
          ...(typeof raw['room_id'] === 'string' && { room_id: raw['room_id'] }),
          ...(typeof raw['platform'] === 'string' && { platform: raw['platform'] }),
          errors: check.errors,
        };
      }
    });
    if (valid.length > 0) {
      const receivedAt = this.clock();
      const statuses = await this.store.writeMany(
        valid.map((v) => v.update),
        receivedAt,
      );
      valid.forEach(({ index, update }, i) => {
        const status = statuses[i];
        results[index] = { index, status, room_id: update.room_id, platform: update.platform };
        if (status === 'accepted') this.publisher.publish({ ...update, received_at: receivedAt });
      });
    }
    return results;
  }

  read(roomId: string, platform: string): Promise<StoredTelemetry | null> {
    return this.store.read(roomId, platform);
  }

  list(): Promise<StoredTelemetry[]> {
    return this.store.list();
  }
}
