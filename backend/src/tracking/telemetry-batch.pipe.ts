import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { MAX_BATCH_SIZE, TelemetryBatchRequest } from '@roompulse/contracts';
import { createValidationPipe } from '../common/http/validation.pipe';

/**
 * The batch body's own check (`updates`: an array of 1–500 items, nothing else) without the
 * global ValidationPipe's class-transformer pass, which copied every item before the items were
 * checked one by one anyway. A body that fails goes through that ValidationPipe, so the 400 names
 * the field exactly as before.
 */
@Injectable()
export class TelemetryBatchPipe implements PipeTransform<unknown, Promise<TelemetryBatchRequest>> {
  private readonly fallback = createValidationPipe();

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<TelemetryBatchRequest> {
    if (isBatch(value)) return value;
    return this.fallback.transform(value, { ...metadata, metatype: TelemetryBatchRequest });
  }
}

function isBatch(value: unknown): value is TelemetryBatchRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const updates = (value as { updates?: unknown }).updates;
  return (
    keys.length === 1 &&
    keys[0] === 'updates' &&
    Array.isArray(updates) &&
    updates.length >= 1 &&
    updates.length <= MAX_BATCH_SIZE
  );
}
