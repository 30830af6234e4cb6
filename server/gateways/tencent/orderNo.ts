/**
 * Order and refund numbers (documented): at most 32 characters and starting with the
 * sub-merchant's cloud-pay order prefix (`cloud_cashier_id`). Checked before anything is sent.
 */
import { invalidRequest } from '../pipeline';

export const MAX_ORDER_NO_LENGTH = 32;

/** Why a number is not acceptable, or undefined when it is. */
export function orderNoProblem(value: string, prefix: string): string | undefined {
  if (value.length === 0) return 'is empty';
  if (value.length > MAX_ORDER_NO_LENGTH) return `is ${value.length} characters, at most ${MAX_ORDER_NO_LENGTH} allowed`;
  if (!value.startsWith(prefix)) return `must start with the cloud-pay order prefix "${prefix}"`;
  if (value.length === prefix.length) return 'is only the prefix';
  return undefined;
}

/** Throws the pipeline's invalid-request failure (INVALID_ARGUMENT, outcome not_sent) naming the field. */
export function assertOrderNo(field: 'out_trade_no' | 'out_refund_no', value: string, prefix: string): void {
  const problem = orderNoProblem(value, prefix);
  if (problem) throw invalidRequest(`${field} ${problem}`);
}
