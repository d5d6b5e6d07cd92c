import { BadRequestException } from '@nestjs/common';
import type { FieldError } from '@roompulse/contracts';

/**
 * 400 in the API's error shape: `message` lists "<field> <reason>" lines (what Nest clients expect),
 * `errors` gives the same as `{ field, reason }` pairs for programs.
 */
export function validationFailed(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    message: errors.map((e) =>
      e.reason.startsWith(e.field) ? e.reason : `${e.field}: ${e.reason}`,
    ),
    error: 'Bad Request',
    errors,
  });
}
