/**
 * How the sandbox answers, as the Status table documents it: 0, 102, 103 and 104 come signed
 * (authen_code over the exact response_content text the sandbox emits); 3 and 101 come without
 * authen_info. Every answer is HTTP 200 with a JSON envelope.
 */
import { sealResponse, unsignedResponse } from '../../server/gateways/tencent/envelope';
import { CpayStatus } from '../../server/gateways/tencent/types';
import { randomInt } from 'node:crypto';

/** internal_status values the sandbox uses (documented: 7 = bad authen_code; the others are ours). */
export const SandboxInternalStatus = {
  OK: 0,
  /** Body or content is not what the docs describe. */
  BAD_REQUEST: 2,
  /** Known merchant, but the request names another merchant or shop. */
  WRONG_MERCHANT: 3,
  BAD_AUTHEN_CODE: 7,
  /** The order number is in use with different content (answered with 102). */
  ORDER_NO_USED: 20,
  /** No such order / refund (answered with 104). */
  NOT_FOUND: 21,
  /** The order's state does not allow the operation (answered with 104). */
  WRONG_STATE: 22,
  /** Refund over the paid amount (answered with 104). */
  REFUND_EXCEEDS: 23,
} as const;

/** Documented as carrying no authen_info. */
const UNSIGNED: ReadonlySet<number> = new Set([CpayStatus.UNKNOWN, CpayStatus.FAILED]);

export interface StatusAnswer {
  status: number;
  internal_status?: number;
  description?: string;
}

function logId(): number {
  return randomInt(1, 2 ** 31 - 1);
}

/** A status-only answer (non-zero), signed or not as the docs say for that status. */
export function statusAnswer(authenKey: string, answer: StatusAnswer): string {
  const content = JSON.stringify({
    status: answer.status,
    description: answer.description ?? '',
    log_id: logId(),
    internal_status: answer.internal_status ?? 0,
  });
  return UNSIGNED.has(answer.status) ? unsignedResponse(content) : sealResponse(authenKey, content);
}

/** A success: status 0 with the endpoint's own member, signed. */
export function okAnswer(authenKey: string, member: string, payload: unknown): string {
  const content = JSON.stringify({
    status: CpayStatus.OK,
    description: '操作成功。',
    log_id: logId(),
    internal_status: SandboxInternalStatus.OK,
    [member]: payload,
  });
  return sealResponse(authenKey, content);
}

/** Thrown by the handlers; the route turns it into the status answer. */
export class CpayFailure extends Error {
  constructor(readonly answer: StatusAnswer) {
    super(answer.description ?? `status ${answer.status}`);
  }
}

export const fail = {
  badAuthenCode: () =>
    new CpayFailure({ status: CpayStatus.FAILED, internal_status: SandboxInternalStatus.BAD_AUTHEN_CODE, description: 'authen_code check failed' }),
  badRequest: (description: string) =>
    new CpayFailure({ status: CpayStatus.FAILED, internal_status: SandboxInternalStatus.BAD_REQUEST, description }),
  wrongMerchant: (description: string) =>
    new CpayFailure({ status: CpayStatus.FAILED, internal_status: SandboxInternalStatus.WRONG_MERCHANT, description }),
  orderNoUsed: (description: string) =>
    new CpayFailure({ status: CpayStatus.FAILED_NEW_ORDER_NO, internal_status: SandboxInternalStatus.ORDER_NO_USED, description }),
  notFound: (description: string) =>
    new CpayFailure({ status: CpayStatus.FAILED_FINAL, internal_status: SandboxInternalStatus.NOT_FOUND, description }),
  wrongState: (description: string) =>
    new CpayFailure({ status: CpayStatus.FAILED_FINAL, internal_status: SandboxInternalStatus.WRONG_STATE, description }),
  refundExceeds: (description: string) =>
    new CpayFailure({ status: CpayStatus.FAILED_FINAL, internal_status: SandboxInternalStatus.REFUND_EXCEEDS, description }),
};
