import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { TelemetryUpdate, timestampWindowError } from './telemetry-update.dto';

const valid = {
  room_id: 'alice_01',
  platform: 'chaturbate',
  tokens_count: 1200,
  tips_count: 14,
  viewers_count: 321,
  timestamp: 1_760_000_000,
};

function failingFields(input: Record<string, unknown>): string[] {
  const errors = validateSync(plainToInstance(TelemetryUpdate, input), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return errors.map((e) => e.property).sort();
}

describe(TelemetryUpdate.name, () => {
  it('accepts a well-formed update', () => {
    expect(failingFields(valid)).toEqual([]);
  });

  it.each([
    ['room_id', ''],
    ['room_id', 'a'.repeat(65)],
    ['room_id', 'bad/room'],
    ['room_id', 'x y'],
    ['platform', 'onlyfans'],
    ['tokens_count', -1],
    ['tokens_count', 1.5],
    ['tokens_count', '12'],
    ['tips_count', 1_000_000_001],
    ['viewers_count', null],
    ['timestamp', 1.25],
    ['timestamp', -5],
  ])('rejects %s = %p naming the field', (field, value) => {
    expect(failingFields({ ...valid, [field]: value })).toEqual([field]);
  });

  it('rejects unknown fields', () => {
    expect(failingFields({ ...valid, extra: 1 })).toEqual(['extra']);
  });

  it('accepts the bounds of every counter', () => {
    expect(failingFields({ ...valid, tokens_count: 0, tips_count: 1_000_000_000 })).toEqual([]);
  });
});

describe('timestampWindowError', () => {
  const now = 1_760_000_000;

  it('accepts now, slightly ahead and within the TTL', () => {
    expect(timestampWindowError(now, now, 3600)).toBeNull();
    expect(timestampWindowError(now + 300, now, 3600)).toBeNull();
    expect(timestampWindowError(now - 3600, now, 3600)).toBeNull();
  });

  it('rejects more than 300 s ahead', () => {
    expect(timestampWindowError(now + 301, now, 3600)).toMatch(/future/);
  });

  it('rejects older than the TTL', () => {
    expect(timestampWindowError(now - 3601, now, 3600)).toMatch(/older than 3600 s/);
  });
});
