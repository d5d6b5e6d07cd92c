import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { StoreUnavailableError } from '../../storage/store-unavailable.error';

/**
 * Every error leaves as `{ statusCode, message, error }` JSON and never with a stack trace.
 * An unreachable store is a 503 (clients retry); anything unexpected is logged here and hidden.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const { status, body, headers } = errorResponse(exception, this.logger);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.status(status).json(body);
  }
}

/**
 * The answer to an exception, as {@link ApiExceptionFilter} sends it; also used by the routes
 * answered in front of Express (`fast-routes.ts`), so that they fail exactly alike.
 */
export function errorResponse(
  exception: unknown,
  logger: Logger,
): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const [status, body] = toBody(exception);
  if (status >= 500 && !(exception instanceof StoreUnavailableError)) {
    logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
  }
  return { status, body, headers: status === 503 ? { 'Retry-After': '2' } : {} };
}

function toBody(exception: unknown): [number, Record<string, unknown>] {
  if (exception instanceof StoreUnavailableError) {
    return [503, { statusCode: 503, message: exception.message, error: 'Service Unavailable' }];
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'object' && response !== null) {
      return [status, { statusCode: status, error: errorName(status), ...(response as object) }];
    }
    return [status, { statusCode: status, message: String(response), error: errorName(status) }];
  }
  return [
    500,
    { statusCode: 500, message: 'Internal server error', error: 'Internal Server Error' },
  ];
}

function errorName(status: number): string {
  const name = HttpStatus[status];
  return name
    ? name
        .toLowerCase()
        .split('_')
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join(' ')
    : 'Error';
}
