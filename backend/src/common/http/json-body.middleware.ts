import { json } from 'express';
import type { NextFunction, Request, Response } from 'express';

interface BodyParserError extends Error {
  status?: number;
  type?: string;
}

/**
 * A JSON body parser whose failures answer in the API's error shape. Nest's exception filters do not
 * see errors raised by middleware, and Express would otherwise answer them with an HTML page.
 */
export function jsonBody(limitBytes: number) {
  const parse = json({ limit: limitBytes });
  return (request: Request, response: Response, next: NextFunction): void => {
    parse(request, response, (error?: BodyParserError) => {
      if (!error) return next();
      const tooLarge = error.type === 'entity.too.large' || error.status === 413;
      const failure = bodyFailure(tooLarge, limitBytes, error.message);
      response.status(failure.statusCode).json(failure);
    });
  };
}

/** The answer to a body that is too large or not JSON; `fast-routes.ts` answers the same. */
export function bodyFailure(
  tooLarge: boolean,
  limitBytes: number,
  detail: string,
): { statusCode: number; message: string; error: string } {
  return tooLarge
    ? {
        statusCode: 413,
        message: `request body exceeds ${limitBytes} bytes`,
        error: 'Payload Too Large',
      }
    : { statusCode: 400, message: `malformed JSON body: ${detail}`, error: 'Bad Request' };
}
