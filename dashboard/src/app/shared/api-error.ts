import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@roompulse/contracts';

/** A readable sentence for a failed API call: the server's message where it gave one. */
export function apiErrorMessage(error: unknown, fallback: string): string {
  if (!(error instanceof HttpErrorResponse)) return fallback;
  if (error.status === 0) return 'Cannot reach the server. Check the connection and try again.';
  const body = error.error as Partial<ApiError> | null;
  const message = Array.isArray(body?.message) ? body.message.join('; ') : body?.message;
  return message ? message : `${fallback} (HTTP ${error.status})`;
}
