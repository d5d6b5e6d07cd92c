import { Logger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_BATCH_BODY_BYTES, MAX_SINGLE_BODY_BYTES } from '@roompulse/contracts';
import { AppModule } from './app.module';
import { TokenService } from './auth/token.service';
import { ApiExceptionFilter } from './common/filters/api-exception.filter';
import { installFastRoutes } from './common/http/fast-routes';
import { jsonBody } from './common/http/json-body.middleware';
import { createValidationPipe } from './common/http/validation.pipe';
import type { Settings } from './config/settings';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';
import { trackingFastRoutes } from './tracking/tracking.fast-routes';

/**
 * Body limit of `PUT /api/roster`: the roster of a 1,000-room studio is about 100 KB of JSON, far
 * over the 16 KiB of other requests; 1 MiB holds about 10,000 rooms.
 */
const MAX_ROSTER_BODY_BYTES = 1024 * 1024;

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
  // API answers change with every update; hashing each body for an ETag nobody revalidates costs
  // CPU on every ingest answer. Static files keep theirs (serve-static sets its own).
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  // The batch and roster routes are registered first: once a body is parsed, the general parser
  // skips it.
  app.use('/api/tracking/telemetry/batch', jsonBody(MAX_BATCH_BODY_BYTES));
  app.use('/api/roster', jsonBody(MAX_ROSTER_BODY_BYTES));
  app.use(jsonBody(MAX_SINGLE_BODY_BYTES));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  // Telemetry ingest is answered in front of Express (same controller, pipes, guards' checks and
  // error bodies); see installFastRoutes for why and for what stays with Express.
  installFastRoutes(app.getHttpServer(), trackingFastRoutes(app), {
    tokens: app.get(TokenService),
    corsOrigins: settings.http.corsOrigins,
  });
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
