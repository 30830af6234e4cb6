/**
 * `refund`: the merchant refunds a paid order, fully or partly, idempotently by refund number.
 * Trusted callers only, decided by two rules that both must hold:
 * 1. no OPENID: a call from a mini program (or from a function a shopper's call started) carries
 *    the shopper's OPENID and is refused — a shopper cannot refund, whatever they send;
 * 2. the admin token (REFUND_ADMIN_TOKEN, compared in constant time): over the HTTP access service
 *    as `Authorization: Bearer <token>` with a JSON body, or, from trusted server code with
 *    callFunction, as `adminToken` in the data.
 * Input: `{orderNo, refundNo, amount?, reason?}`; `amount` in fen, the whole remainder when absent.
 */
import * as v from 'valibot';
import { safeEqual } from '../platform/crypto';
import { AppError, type ErrorCode } from '../platform/errors';
import { parseInput } from '../platform/validation';
import { toFen } from '../platform/money';
import { refund, type RefundAnswer } from '../orders/refunds';
import { loadAdminToken, loadPaymentConfig } from './config';
import { isHttpEvent, jsonResponse, readHttpEvent } from './http-event';
import { ORDER_NO, REFUND_AMOUNT, REFUND_NO } from '../../api/fields';
import { initCloud, coldStart, envelope, type Envelope } from './runtime';
import { servicesFor } from './services';

const refundInput = v.object({
  orderNo: ORDER_NO,
  refundNo: REFUND_NO,
  amount: v.optional(REFUND_AMOUNT),
  reason: v.optional(v.pipe(v.string(), v.maxLength(80))),
});

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ORDER_PAID: 409,
  ORDER_CLOSED: 409,
  AMOUNT_MISMATCH: 409,
  PROVIDER_REJECTED: 502,
  PROVIDER_UNAVAILABLE: 503,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
};

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

export function refundFunction(sdk: unknown, env: NodeJS.ProcessEnv = process.env) {
  const cloud = initCloud(sdk);
  const config = coldStart(() => ({ payment: loadPaymentConfig(env), adminToken: loadAdminToken(env) }));

  const run = (presentedToken: string | undefined, body: unknown): Promise<Envelope<RefundAnswer>> =>
    envelope('refund', async () => {
      if (cloud.getWXContext().OPENID) throw new AppError('PERMISSION_DENIED', 'refunds are made by the merchant, not from the mini program');
      const { payment, adminToken } = config();
      if (!presentedToken || !safeEqual(presentedToken, adminToken)) throw new AppError('PERMISSION_DENIED', 'a valid admin token is required');
      const input = parseInput(refundInput, body);
      return refund(servicesFor(cloud, payment).orders, {
        orderNo: input.orderNo,
        refundNo: input.refundNo,
        ...(input.amount !== undefined ? { amount: toFen(input.amount) } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
      });
    });

  return async (event: unknown) => {
    if (!isHttpEvent(event)) {
      const { adminToken, ...data } = (typeof event === 'object' && event !== null ? event : {}) as { adminToken?: unknown };
      return run(typeof adminToken === 'string' ? adminToken : undefined, data);
    }
    let request;
    try {
      request = readHttpEvent(event);
    } catch (err) {
      return jsonResponse(
        400,
        await envelope('refund', () => {
          throw err;
        }),
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(request.body.toString('utf8') || '{}');
    } catch {
      body = undefined;
    }
    const answer = request.method !== 'POST' ? await envelope('refund', () => {
            throw new AppError('INVALID_ARGUMENT', 'method: POST only');
          }) : await run(bearer(request.headers.authorization), body ?? null);
    return jsonResponse(answer.ok ? 200 : (HTTP_STATUS[answer.error.code] ?? 500), answer);
  };
}
