import type { ZodError, ZodType, ZodTypeDef } from 'zod';
import { AppError } from './errors';

/** One readable line per problem: `items.0.quantity: Number must be greater than 0`. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

/** Parse untrusted input at a boundary; bad input becomes INVALID_ARGUMENT naming the fields. */
export function parseInput<T>(schema: ZodType<T, ZodTypeDef, unknown>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('INVALID_ARGUMENT', describeZodError(result.error));
  return result.data;
}
