import { ConfigError } from './config.error';
import { parseDurationSeconds } from './duration';
import { loadSettings } from './settings';

describe('loadSettings', () => {
  it('uses the documented defaults', () => {
    const settings = loadSettings({});
    expect(settings.http.port).toBe(3000);
    expect(settings.redis.url).toBeNull();
    expect(settings.auth.jwtTtlSeconds).toBe(12 * 3600);
    expect(settings.auth.jwtSecretGenerated).toBe(true);
    expect(settings.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(settings.telemetry.ttlSeconds).toBe(3600);
    expect(settings.auth.admin).toBeNull();
    expect(settings.http.corsOrigins).toEqual([]);
  });

  it('generates a different key per process when JWT_SECRET is unset', () => {
    expect(loadSettings({}).auth.jwtSecret).not.toBe(loadSettings({}).auth.jwtSecret);
  });

  it('reads every variable', () => {
    const settings = loadSettings({
      PORT: '8080',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      JWT_SECRET: 'x'.repeat(40),
      JWT_TTL: '15m',
      TELEMETRY_TTL_SECONDS: '120',
      ADMIN_USERNAME: 'boss',
      ADMIN_PASSWORD: 'long-enough-pw',
      CORS_ORIGINS: 'https://ops.example.com, chrome-extension://abcdefghijklmnop',
    });
    expect(settings.http.port).toBe(8080);
    expect(settings.redis.url).toBe('redis://127.0.0.1:6379/2');
    expect(settings.auth.jwtSecretGenerated).toBe(false);
    expect(settings.auth.jwtTtlSeconds).toBe(900);
    expect(settings.telemetry.ttlSeconds).toBe(120);
    expect(settings.auth.admin).toEqual({ username: 'boss', password: 'long-enough-pw' });
    expect(settings.http.corsOrigins).toEqual([
      'https://ops.example.com',
      'chrome-extension://abcdefghijklmnop',
    ]);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'http://localhost:6379' }, 'REDIS_URL'],
    [{ JWT_TTL: 'forever' }, 'JWT_TTL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ TELEMETRY_TTL_SECONDS: '-1' }, 'TELEMETRY_TTL_SECONDS'],
    [{ ADMIN_USERNAME: 'boss' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_PASSWORD: 'long-enough-pw' }, 'ADMIN_USERNAME'],
    [{ ADMIN_USERNAME: 'boss', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ CORS_ORIGINS: 'https://ok.example.com,not an origin' }, 'CORS_ORIGINS'],
  ])('refuses %p with one line naming %s', (env, variable) => {
    let thrown: unknown;
    try {
      loadSettings(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as ConfigError).message).toContain(variable);
    expect((thrown as ConfigError).message).not.toContain('\n');
  });

  it('never echoes a rejected JWT_SECRET', () => {
    expect(() => loadSettings({ JWT_SECRET: 'hunter2' })).toThrow(/^((?!hunter2).)*$/);
  });
});

describe('parseDurationSeconds', () => {
  it.each([
    ['90', 90],
    ['90s', 90],
    ['15m', 900],
    ['12h', 43200],
    ['7d', 604800],
  ])('%s is %d s', (text, seconds) => expect(parseDurationSeconds(text)).toBe(seconds));

  it.each(['', '0', '-5', '1.5h', '12 hours', 'h'])('%p is rejected', (text) => {
    expect(parseDurationSeconds(text)).toBeNull();
  });
});
