/**
 * The one error vocabulary of the product. Functions answer `{ok:false, error:{code, message,
 * retryable}}` with one of these codes; messages are for people and never carry secrets.
 */
import type { ErrorBody, ErrorCode } from '../../api/errors';

// Defined once in api/errors.ts (shared with the client); re-exported for the server's imports.
export { ERROR_CODES, type ErrorBody, type ErrorCode } from '../../api/errors';

export class AppError extends Error {
  override readonly name: string = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }
}

export function invalidArgument(field: string, problem: string): AppError {
  return new AppError('INVALID_ARGUMENT', `${field}: ${problem}`);
}

/** Anything that is not an AppError becomes INTERNAL with a fixed message: no stack, no detail leaks. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  return { code: 'INTERNAL', message: 'internal error', retryable: true };
}
