/**
 * Calls to the provider, each recorded in payment_events with its outcome, and failures
 * classified the one way the order code branches on: not_sent | rejected | unknown.
 */
import { GatewayError, type GatewayOutcome, type ProviderOrderState } from '../gateways/contract';
import { AppError } from '../platform/errors';
import { TransportError } from '../platform/http';
import { scrubText } from '../platform/log';
import type { OrderContext } from './context';
import type { PaymentEventKind } from './events';

/** Which order a call is about; `_id` null when we have no such order, absent when we did not read it. */
export interface OrderRef {
  _id?: string | null;
  orderNo: string;
}

export interface CallFailure {
  outcome: GatewayOutcome;
  code: string;
  message: string;
  retryable: boolean;
  newOrderNoRequired: boolean;
  notFound: boolean;
}

/** Anything we cannot classify (a bug, a malformed answer) is `unknown`: resolved by a query, never guessed. */
export function classifyFailure(err: unknown): CallFailure {
  if (err instanceof GatewayError) {
    return {
      outcome: err.outcome,
      code: err.code,
      message: err.message,
      retryable: err.retryable,
      newOrderNoRequired: err.newOrderNoRequired,
      notFound: err.code === 'NOT_FOUND',
    };
  }
  if (err instanceof TransportError) {
    return { outcome: err.outcome, code: err.code, message: err.message, retryable: true, newOrderNoRequired: false, notFound: false };
  }
  if (err instanceof AppError) {
    return { outcome: 'unknown', code: err.code, message: err.message, retryable: err.retryable, newOrderNoRequired: false, notFound: false };
  }
  return { outcome: 'unknown', code: 'INTERNAL', message: 'unexpected failure', retryable: true, newOrderNoRequired: false, notFound: false };
}

export async function recordFailure(ctx: OrderContext, kind: PaymentEventKind, order: OrderRef, failure: CallFailure, refundNo?: string): Promise<void> {
  await ctx.events.tryRecord({
    kind,
    provider: ctx.gateway.name,
    orderNo: order.orderNo,
    orderId: order._id,
    outcome: failure.outcome,
    errorCode: failure.code,
    message: failure.message,
    refundNo,
  });
}

export type QueryAnswer = { found: true; state: ProviderOrderState } | { found: false; failure: CallFailure };

/**
 * Query the provider; "no such order" is an answer (nothing was created), any other failure is
 * thrown. `recordAnswer: false` when the caller records the answer itself (with what it did with it).
 */
export async function queryProvider(ctx: OrderContext, order: OrderRef, options: { recordAnswer?: boolean } = {}): Promise<QueryAnswer> {
  try {
    const state = await ctx.gateway.query(order.orderNo);
    if (options.recordAnswer !== false) {
      await ctx.events.tryRecord({
        kind: 'query',
        provider: ctx.gateway.name,
        orderNo: order.orderNo,
        orderId: order._id,
        outcome: 'ok',
        providerStatus: state.status,
        rawStatus: state.rawStatus,
        amount: state.amount,
        merchantId: state.merchantId,
      });
    }
    return { found: true, state };
  } catch (err) {
    const failure = classifyFailure(err);
    await recordFailure(ctx, 'query', order, failure);
    if (failure.notFound) return { found: false, failure };
    throw providerUnavailable(failure);
  }
}

/** Refused for good: the provider (or the adapter, before sending) said no and asking again will not help. */
export function isFinalRefusal(failure: CallFailure): boolean {
  return !failure.retryable && (failure.outcome === 'rejected' || failure.outcome === 'not_sent');
}

export function providerUnavailable(failure: CallFailure): AppError {
  if (isFinalRefusal(failure)) return new AppError('PROVIDER_REJECTED', scrubText(failure.message), false);
  return new AppError('PROVIDER_UNAVAILABLE', `the payment provider could not be reached or gave no clear answer (${failure.code}); try again`, true);
}

/** Close at the provider; `refusalIsFine` when the provider may simply not have the order. */
export async function closeAtProvider(ctx: OrderContext, order: OrderRef, refusalIsFine: boolean): Promise<void> {
  try {
    await ctx.gateway.close(order.orderNo);
    await ctx.events.tryRecord({ kind: 'close', provider: ctx.gateway.name, orderNo: order.orderNo, orderId: order._id, outcome: 'ok' });
  } catch (err) {
    const failure = classifyFailure(err);
    await recordFailure(ctx, 'close', order, failure);
    if (refusalIsFine && failure.outcome === 'rejected') return;
    throw providerUnavailable(failure);
  }
}
