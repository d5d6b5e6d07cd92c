import { isTelemetryUpdate } from './telemetry-guard';

const valid = {
  room_id: 'alice_cam',
  platform: 'camsoda',
  tokens_count: 0,
  tips_count: 1,
  viewers_count: 2,
  timestamp: 1_760_000_000,
};

describe(isTelemetryUpdate.name, () => {
  it('accepts a well-formed update', () => {
    expect(isTelemetryUpdate(valid)).toBe(true);
  });

  it.each([
    ['a missing figure', { ...valid, viewers_count: null }],
    ['a fraction', { ...valid, tokens_count: 1.5 }],
    ['a negative', { ...valid, tips_count: -1 }],
    ['an unknown platform', { ...valid, platform: 'onlyfans' }],
    ['a bad room id', { ...valid, room_id: 'a b' }],
    ['an extra field', { ...valid, extra: 1 }],
    [
      'a missing field',
      { room_id: 'a', platform: 'camsoda', tokens_count: 0, tips_count: 0, viewers_count: 0 },
    ],
    ['null', null],
  ])('refuses %s', (_label, value) => {
    expect(isTelemetryUpdate(value)).toBe(false);
  });
});
