import { Logger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_BATCH_BODY_BYTES, MAX_SINGLE_BODY_BYTES } from '@roompulse/contracts';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/filters/api-exception.filter';
import { jsonBody } from './common/http/json-body.middleware';
import { createValidationPipe } from './common/http/validation.pipe';
import type { Settings } from './config/settings';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';

export interface CreateAppOptions {
  logger?: LoggerService | false;
}

/**
 * Builds a fully configured, not yet listening backend. `main.ts` and the integration tests both
 * start instances through here, so tests exercise exactly what production runs.
 */
export async function createApp(
  settings: Settings,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    bodyParser: false,
    logger: options.logger ?? new Logger(),
    cors:
      settings.http.corsOrigins.length > 0
        ? { origin: settings.http.corsOrigins, maxAge: 600 }
        : false,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // The batch route is registered first: once it has parsed a body, the general parser skips it.
  app.use('/api/tracking/telemetry/batch', jsonBody(MAX_BATCH_BODY_BYTES));
  app.use(jsonBody(MAX_SINGLE_BODY_BYTES));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useWebSocketAdapter(RealtimeIoAdapter.create(app));
  app.enableShutdownHooks();
  serveDashboard(app, settings.http.dashboardDir);
  return app;
}

/** The built dashboard, same origin as the API: no CORS needed, deep links fall back to index.html. */
function serveDashboard(app: NestExpressApplication, dir: string | null): void {
  if (!dir) return;
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Dashboard').warn(`no built dashboard at ${dir}; run "npx nx build dashboard"`);
    return;
  }
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
  app.use(
    (
      request: { method: string; path: string },
      response: { sendFile(p: string): void },
      next: () => void,
    ) => {
      const isApi =
        request.path.startsWith('/api/') ||
        request.path.startsWith('/ws') ||
        request.path === '/health';
      if (request.method === 'GET' && !isApi) return response.sendFile(index);
      next();
    },
  );
}
