import { Injectable, type PipeTransform } from '@nestjs/common';
import type { TelemetryUpdateData } from '@roompulse/contracts';
import { validationFailed } from '../common/http/validation-failed';
import { TelemetryValidator } from './telemetry.validator';

/** Applies the same per-item check as the batch endpoint, so both answer a bad item alike. */
@Injectable()
export class TelemetryUpdatePipe implements PipeTransform<unknown, TelemetryUpdateData> {
  constructor(private readonly validator: TelemetryValidator) {}

  transform(value: unknown): TelemetryUpdateData {
    const check = this.validator.check(value);
    if (!check.ok) throw validationFailed(check.errors);
    return check.update;
  }
}
