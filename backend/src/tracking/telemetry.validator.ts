import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import {
  MAX_CLOCK_SKEW_SECONDS,
  TelemetryUpdate,
  timestampWindowError,
  type FieldError,
  type TelemetryUpdateData,
} from '@roompulse/contracts';
import type { TelemetrySettings } from '../config/settings';

export const CLOCK = Symbol('CLOCK');
export type Clock = () => number;

export type ItemCheck =
  { ok: true; update: TelemetryUpdateData } | { ok: false; errors: FieldError[] };

/**
 * Checks one telemetry item with the contract's rules plus the configured time window.
 * Used for both the single and the batch endpoint, so an item is judged the same either way.
 */
@Injectable()
export class TelemetryValidator {
  private readonly ttlSeconds: number;

  constructor(
    config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.ttlSeconds = config.getOrThrow<TelemetrySettings>('telemetry').ttlSeconds;
  }

  check(input: unknown): ItemCheck {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { ok: false, errors: [{ field: '(item)', reason: 'must be a JSON object' }] };
    }
    const instance = plainToInstance(TelemetryUpdate, input);
    const errors = flatten(
      validateSync(instance, {
        whitelist: true,
        forbidNonWhitelisted: true,
        stopAtFirstError: true,
      }),
    );
    if (errors.length === 0) {
      const windowError = timestampWindowError(
        instance.timestamp,
        Math.floor(this.clock() / 1000),
        this.ttlSeconds,
        MAX_CLOCK_SKEW_SECONDS,
      );
      if (windowError) errors.push({ field: 'timestamp', reason: windowError });
    }
    if (errors.length > 0) return { ok: false, errors };
    const { room_id, platform, tokens_count, tips_count, viewers_count, timestamp } = instance;
    return {
      ok: true,
      update: { room_id, platform, tokens_count, tips_count, viewers_count, timestamp },
    };
  }
}

/** One entry per failed constraint, with the field it belongs to. */
export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const reason of Object.values(error.constraints ?? {})) out.push({ field, reason });
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}
