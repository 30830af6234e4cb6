/**
 * The `status` of an answer (documented), decided before anything in it is used:
 *   0   ok (signed)
 *   3   unknown, unsigned            → outcome unknown, retry the same request or query
 *   101 failed, unsigned, no retry   → rejected; with internal_status 7 the authen_code was wrong
 *   102 failed, signed               → rejected, retry with a NEW order number
 *   103 internal error, signed       → outcome unknown, retry after ~3 s or query
 *   104 failed, signed, no retry     → rejected
 * Status 3 and 101 come without authen_info, so they are read before the signature is enforced;
 * they only ever become errors. Every other answer must be signed, or it is not believed.
 */
import { scrubText } from '../../platform/log';
import { GatewayError } from '../contract';
import { RETRY_AFTER_INTERNAL_ERROR_MS } from './assumptions';
import type { Authenticity } from './envelope';
import { CpayStatus, INTERNAL_STATUS_BAD_AUTHEN_CODE, type ResponseHead } from './types';

/** Status-only answers the provider documents as unsigned. */
const UNSIGNED_STATUSES: ReadonlySet<number> = new Set([CpayStatus.UNKNOWN, CpayStatus.FAILED]);

function describe(head: ResponseHead): string {
  const parts = [`status ${head.status}`];
  if (head.internal_status !== undefined) parts.push(`internal_status ${head.internal_status}`);
  // The provider's text ends up in an error message (and a response): never let it carry a secret.
  if (head.description) parts.push(scrubText(head.description));
  return parts.join(', ');
}

/** The error a non-zero status stands for. */
export function statusError(endpoint: string, head: ResponseHead): GatewayError {
  const providerCode = String(head.status);
  const what = `${endpoint}: ${describe(head)}`;
  switch (head.status) {
    case CpayStatus.UNKNOWN:
      return new GatewayError('tencent', 'PROVIDER_UNAVAILABLE', `${what} (outcome unknown: retry or query)`, 'unknown', { providerCode });
    case CpayStatus.FAILED:
      if (head.internal_status === INTERNAL_STATUS_BAD_AUTHEN_CODE) {
        return new GatewayError(
          'tencent',
          'PROVIDER_REJECTED',
          `${endpoint}: authen_code rejected by the provider (status 101, internal_status 7): TENCENT_AUTHEN_KEY does not match the sub-merchant's key`,
          'rejected',
          { providerCode: `101/${INTERNAL_STATUS_BAD_AUTHEN_CODE}` },
        );
      }
      return new GatewayError('tencent', 'PROVIDER_REJECTED', `${what} (failed, do not retry)`, 'rejected', { providerCode });
    case CpayStatus.FAILED_NEW_ORDER_NO:
      return new GatewayError('tencent', 'PROVIDER_REJECTED', `${what} (failed: retry with a new order number)`, 'rejected', {
        providerCode,
        retryable: true,
        newOrderNoRequired: true,
      });
    case CpayStatus.INTERNAL_ERROR:
      return new GatewayError('tencent', 'PROVIDER_UNAVAILABLE', `${what} (internal error: retry after ~${RETRY_AFTER_INTERNAL_ERROR_MS / 1000} s or query)`, 'unknown', {
        providerCode,
      });
    case CpayStatus.FAILED_FINAL:
      return new GatewayError('tencent', 'PROVIDER_REJECTED', `${what} (failed, do not retry)`, 'rejected', { providerCode });
    default:
      // Undocumented: we cannot tell what happened, so nothing is assumed: query.
      return new GatewayError('tencent', 'PROVIDER_UNAVAILABLE', `${what} (undocumented status: outcome unknown)`, 'unknown', { providerCode });
  }
}

/**
 * Decide an answer: returns when it is a signed success; throws a GatewayError otherwise.
 * An answer whose signature is wrong is never read further, whatever status it claims.
 */
export function acceptAnswer(endpoint: string, head: ResponseHead, authenticity: Authenticity): void {
  if (authenticity === 'forged') {
    throw new GatewayError('tencent', 'SIGNATURE_INVALID', `${endpoint}: answer's authen_code does not verify`, 'unknown');
  }
  if (authenticity === 'unsigned') {
    if (head.status !== CpayStatus.OK && UNSIGNED_STATUSES.has(head.status)) throw statusError(endpoint, head);
    throw new GatewayError(
      'tencent',
      'SIGNATURE_INVALID',
      `${endpoint}: answer with status ${head.status} has no authen_info and cannot be trusted`,
      'unknown',
    );
  }
  if (head.status !== CpayStatus.OK) throw statusError(endpoint, head);
}
