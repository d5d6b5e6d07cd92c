import type { ConfigService } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { TelemetryUpdate } from '@roompulse/contracts';
import { TelemetryValidator, flatten } from './telemetry.validator';

const NOW_MS = 1_760_000_000_000;
const NOW = NOW_MS / 1000;
const config = { getOrThrow: () => ({ ttlSeconds: 3600 }) } as unknown as ConfigService;

/** What class-validator alone says about an item (the validator's answer before its fast path). */
function classValidatorErrors(input: object): string[] {
  const errors = flatten(
    validateSync(plainToInstance(TelemetryUpdate, input), {
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: true,
    }),
  );
  return errors.map((e) => e.field);
}

const valid = {
  room_id: 'alice_01',
  platform: 'chaturbate',
  tokens_count: 1200,
  tips_count: 14,
  viewers_count: 321,
  timestamp: NOW - 5,
};

describe(TelemetryValidator.name, () => {
  const validator = new TelemetryValidator(config, () => NOW_MS);

  it.each<[string, Record<string, unknown>]>([
    ['a valid item', {}],
    ['zero counts', { tokens_count: 0, tips_count: 0, viewers_count: 0 }],
    ['counts at the limit', { tokens_count: 1_000_000_000 }],
    ['negative zero', { tips_count: -0 }],
    ['a room id of 64 characters', { room_id: 'r'.repeat(64) }],
    ['a count over the limit', { tokens_count: 1_000_000_001 }],
    ['a negative count', { viewers_count: -1 }],
    ['a fractional count', { tips_count: 1.5 }],
    ['a count as a string', { tokens_count: '12' }],
    ['a null count', { tokens_count: null }],
    ['a missing field', { viewers_count: undefined }],
    ['an unknown field', { extra: 1 }],
    ['an unknown platform', { platform: 'Chaturbate' }],
    ['a malformed room id', { room_id: 'a/b' }],
    ['an empty room id', { room_id: '' }],
    ['a room id of 65 characters', { room_id: 'r'.repeat(65) }],
    ['a room id that is a number', { room_id: 7 }],
    ['a fractional timestamp', { timestamp: NOW - 0.5 }],
    ['a timestamp as a string', { timestamp: String(NOW) }],
    ['a huge timestamp', { timestamp: 1e300 }],
  ])('judges %s exactly as class-validator does', (_case, overrides) => {
    const input = JSON.parse(JSON.stringify({ ...valid, ...overrides })) as object;
    const check = validator.check(input);
    const fields = classValidatorErrors(input);
    if (fields.length === 0) {
      // class-validator accepts it; only the time window may still refuse it.
      const window = check.ok ? [] : check.errors.map((e) => e.field);
      expect(window.every((field) => field === 'timestamp')).toBe(true);
    } else {
      expect(check.ok).toBe(false);
      expect(!check.ok && check.errors.map((e) => e.field)).toEqual(fields);
    }
  });

  it('answers a valid item with exactly its six fields', () => {
    expect(validator.check({ ...valid })).toEqual({ ok: true, update: valid });
  });

  it('refuses a timestamp outside the window, on the fast path too', () => {
    const check = validator.check({ ...valid, timestamp: NOW + 301 });
    expect(check).toEqual({
      ok: false,
      errors: [{ field: 'timestamp', reason: expect.stringContaining('future') }],
    });
    expect(validator.check({ ...valid, timestamp: NOW - 3601 }).ok).toBe(false);
  });

  it('refuses anything but a JSON object', () => {
    for (const input of [null, 'x', 3, [valid]]) {
      expect(validator.check(input)).toEqual({
        ok: false,
        errors: [{ field: '(item)', reason: 'must be a JSON object' }],
      });
    }
  });

  it('leaves an item with an own __proto__ key to class-validator', () => {
    const input = JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(valid).slice(1)}`) as object;
    const fields = classValidatorErrors(input);
    const check = validator.check(input);
    expect(check.ok).toBe(fields.length === 0);
    if (!check.ok) expect(check.errors.map((e) => e.field)).toEqual(fields);
  });
});
