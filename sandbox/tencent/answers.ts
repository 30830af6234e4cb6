/**
 * How the sandbox answers, by the Status enum (pages/enums.ts): 0, 102, 103 and 104 come signed
 * (authen_code over the exact response_content text the sandbox emits); 3 and 101 come without
 * authen_info. Every answer is HTTP 200 with a JSON envelope.
 */
import { randomInt } from 'node:crypto';
import { signedAnswer, unsignedAnswer } from './envelope';
import { Status, UNSIGNED_STATUSES } from './pages/enums';

/**
 * internal_status values the sandbox uses. The pages call internal_status "调试使用，调用者可以不予
 * 理会" and document only 7 (a wrong authen_code, with 101); the others are the sandbox's own.
 */
export const SandboxInternalStatus = {
  OK: 0,
  /** Body or content is not what the pages describe. */
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

export interface StatusAnswer {
  status: number;
  internal_status?: number;
  description?: string;
}

function logId(): number {
  return randomInt(1, 2 ** 31 - 1);
}

/** A status-only answer (non-zero), signed or not as documented for that status. */
export function statusAnswer(authenKey: string, answer: StatusAnswer): string {
  const content = JSON.stringify({
    status: answer.status,
    description: answer.description ?? '',
    log_id: logId(),
    internal_status: answer.internal_status ?? 0,
  });
  return UNSIGNED_STATUSES.has(answer.status) ? unsignedAnswer(content) : signedAnswer(authenKey, content);
}

/** A success: status 0 with a result member (or none), signed. */
export function okAnswer(authenKey: string, member: string | undefined, payload: unknown): string {
  const content = JSON.stringify({
    status: Status.OK,
    description: '操作成功。',
    log_id: logId(),
    internal_status: SandboxInternalStatus.OK,
    ...(member !== undefined ? { [member]: payload } : {}),
  });
  return signedAnswer(authenKey, content);
}

/** Thrown by the handlers; the route turns it into the status answer. */
export class CpayFailure extends Error {
  constructor(readonly answer: StatusAnswer) {
    super(answer.description ?? `status ${answer.status}`);
  }
}

export const fail = {
  badAuthenCode: () =>
    new CpayFailure({ status: Status.CHECK_CALL, internal_status: SandboxInternalStatus.BAD_AUTHEN_CODE, description: 'authen_code check failed' }),
  badRequest: (description: string) =>
    new CpayFailure({ status: Status.CHECK_CALL, internal_status: SandboxInternalStatus.BAD_REQUEST, description }),
  wrongMerchant: (description: string) =>
    new CpayFailure({ status: Status.CHECK_CALL, internal_status: SandboxInternalStatus.WRONG_MERCHANT, description }),
  orderNoUsed: (description: string) =>
    new CpayFailure({ status: Status.NEW_ORDER_NO, internal_status: SandboxInternalStatus.ORDER_NO_USED, description }),
  notFound: (description: string) =>
    new CpayFailure({ status: Status.ACT_ON_DESCRIPTION, internal_status: SandboxInternalStatus.NOT_FOUND, description }),
  wrongState: (description: string) =>
    new CpayFailure({ status: Status.ACT_ON_DESCRIPTION, internal_status: SandboxInternalStatus.WRONG_STATE, description }),
  refundExceeds: (description: string) =>
    new CpayFailure({ status: Status.ACT_ON_DESCRIPTION, internal_status: SandboxInternalStatus.REFUND_EXCEEDS, description }),
};
