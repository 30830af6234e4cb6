/**
 * Tencent's Status table (枚举值定义.md), as the pipeline's verdicts: what the call did, whether an
 * answer without authen_info may be believed, whether to retry. Every failure's meaning (code,
 * outcome) is then decided in one place, ../pipeline/failures.ts.
 *   0   ok (signed)                      → accepted
 *   3   unknown, unsigned                → undecided: retry the same request or query
 *   101 failed, unsigned, no retry       → refused; with internal_status 7 the authen_code was wrong
 *   102 failed, signed                   → refused, retry with a NEW order number
 *   103 internal error, signed           → undecided: retry after ~3 s or query
 *   104 failed, signed, no retry         → refused
 *   other                                → undecided (nothing is assumed: query)
 */
import type { Envelope } from '../pipeline';
import { RETRY_AFTER_INTERNAL_ERROR_MS } from './assumptions';
import { CpayStatus, INTERNAL_STATUS_BAD_AUTHEN_CODE, type ResponseHead } from './types';

/** Status-only answers that come without authen_info (assumptions.ts). */
const UNSIGNED_STATUSES: ReadonlySet<number> = new Set([CpayStatus.UNKNOWN, CpayStatus.FAILED]);

const BAD_AUTHEN_CODE = `${CpayStatus.FAILED}/${INTERNAL_STATUS_BAD_AUTHEN_CODE}`;

function describe(head: ResponseHead, advice?: string): string {
  const parts: string[] = [];
  if (head.internal_status !== undefined) parts.push(`internal_status ${head.internal_status}`);
  if (head.description) parts.push(head.description);
  if (advice) parts.push(advice);
  return parts.join(', ');
}

/** The verdict of an answer's `status`; `data` is the whole response content (its member beside the head). */
export function envelopeOf(head: ResponseHead, data: unknown): Envelope {
  const code = String(head.status);
  switch (head.status) {
    case CpayStatus.OK:
      return { verdict: 'accepted', code, message: describe(head), data };
    case CpayStatus.UNKNOWN:
      return { verdict: 'undecided', code, message: describe(head, 'retry or query') };
    case CpayStatus.FAILED:
      if (head.internal_status === INTERNAL_STATUS_BAD_AUTHEN_CODE) {
        return {
          verdict: 'refused',
          code: BAD_AUTHEN_CODE,
          message: "authen_code rejected by the provider: TENCENT_AUTHEN_KEY does not match the sub-merchant's key",
          retryable: false,
        };
      }
      return { verdict: 'refused', code, message: describe(head, 'do not retry'), retryable: false };
    case CpayStatus.FAILED_NEW_ORDER_NO:
      return { verdict: 'refused', code, message: describe(head, 'retry with a new order number'), retryable: true, newOrderNoRequired: true };
    case CpayStatus.INTERNAL_ERROR:
      return { verdict: 'undecided', code, message: describe(head, `retry after ~${RETRY_AFTER_INTERNAL_ERROR_MS / 1000} s or query`) };
    case CpayStatus.FAILED_FINAL:
      return { verdict: 'refused', code, message: describe(head, 'do not retry'), retryable: false };
    default:
      return { verdict: 'undecided', code, message: describe(head, 'undocumented status') };
  }
}

/** Only 3 and 101 are documented without authen_info; any other unsigned answer is not believed. */
export function trustsUnsigned(envelope: Envelope): boolean {
  const status = Number(envelope.code.split('/')[0]);
  return envelope.verdict !== 'accepted' && UNSIGNED_STATUSES.has(status);
}
