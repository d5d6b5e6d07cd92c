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
      const status = tooLarge ? 413 : 400;
      response.status(status).json({
        statusCode: status,
        message: tooLarge
          ? `request body exceeds ${limitBytes} bytes`
          : `malformed JSON body: ${error.message}`,
        error: tooLarge ? 'Payload Too Large' : 'Bad Request',
      });
    });
  };
}
