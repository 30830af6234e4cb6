/**
 * The one error vocabulary of the product. Functions answer `{ok:false, error:{code, message,
 * retryable}}` with one of these codes; messages are for people and never carry secrets.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'PERMISSION_DENIED',
  'CONFLICT',
  'ORDER_PAID',
  'ORDER_CLOSED',
  'AMOUNT_MISMATCH',
  'PROVIDER_REJECTED',
  'PROVIDER_UNAVAILABLE',
  'SIGNATURE_INVALID',
  'CONFIG_INVALID',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  retryable: boolean;
}

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
