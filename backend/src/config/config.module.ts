import { ConfigModule, registerAs } from '@nestjs/config';
import type { DynamicModule } from '@nestjs/common';
import type { Settings } from './settings';

/**
 * One `registerAs` namespace per feature, read with `ConfigService.getOrThrow<XSettings>('x')`.
 * The values come from an already validated {@link Settings}, so tests can start instances with
 * their own configuration without touching `process.env`.
 */
export function configModule(settings: Settings): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    ignoreEnvVars: true,
    load: [
      registerAs('production', () => ({ value: settings.production })),
      registerAs('http', () => settings.http),
      registerAs('redis', () => settings.redis),
      registerAs('auth', () => settings.auth),
      registerAs('telemetry', () => settings.telemetry),
      registerAs('realtime', () => settings.realtime),
    ],
  });
}
