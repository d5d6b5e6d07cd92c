import type { INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { MAX_BATCH_BODY_BYTES, MAX_SINGLE_BODY_BYTES, type Role } from '@roompulse/contracts';
import { ROLES_KEY } from '../common/decorators/roles.decorator';
import type { FastRoute } from '../common/http/fast-routes';
import { TelemetryBatchPipe } from './telemetry-batch.pipe';
import { TelemetryUpdatePipe } from './telemetry-update.pipe';
import { TrackingController } from './tracking.controller';

/**
 * The two ingest routes, answered in front of Express (see `installFastRoutes`): the same
 * controller methods and pipes, with the roles and status of their own decorators, so the
 * controller stays the one description of the API.
 */
export function trackingFastRoutes(app: INestApplication): FastRoute[] {
  const controller = app.get(TrackingController);
  const updatePipe = app.get(TelemetryUpdatePipe);
  const batchPipe = app.get(TelemetryBatchPipe);
  const reflector = app.get(Reflector);
  const describe = (handler: (...args: never[]) => unknown) => ({
    roles:
      reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [handler, TrackingController]) ??
      [],
    status: Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number,
  });
  return [
    {
      path: '/api/tracking/telemetry',
      limitBytes: MAX_SINGLE_BODY_BYTES,
      ...describe(TrackingController.prototype.ingest),
      handle: (body) => controller.ingest(updatePipe.transform(body)),
    },
    {
      path: '/api/tracking/telemetry/batch',
      limitBytes: MAX_BATCH_BODY_BYTES,
      ...describe(TrackingController.prototype.ingestBatch),
      handle: async (body) =>
        controller.ingestBatch(await batchPipe.transform(body, { type: 'body' })),
    },
  ];
}
