import { ValidationPipe } from '@nestjs/common';
import { flatten } from '../../tracking/telemetry.validator';
import { validationFailed } from './validation-failed';

/** Unknown fields are refused rather than silently dropped, so a client's typo is seen at once. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
