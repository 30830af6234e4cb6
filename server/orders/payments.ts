/**
 * Creating the payment for a cart, as its steps:
 * 1. identity of the request: the order's _id is derived from (openid, requestId), so the
 *    database's unique _id turns a double tap into one order; a retry must be the same cart and method;
 * 2. draft: the order, priced on the server, born claimed for one create call (PAYING + attemptId);
 * 3. claim: inserting the draft is the claim (one database operation before the provider call); an
 *    existing order is claimed again by a compare-and-set CREATED → PAYING carrying a new attemptId,
 *    and a concurrent caller waits for that attempt's pay params instead of creating a second provider order;
 * 4. call: the one provider create (JSAPI pay params, or a QR code for a wallet channel);
 * 5. record: the pay params on the order (kept and returned again while the order can be paid),
 *    with the create call's record in the same write (`providerCreates`; in payment_events when
 *    the order moved on meanwhile); a failure, recorded in payment_events, leaves the order where
 *    it can go on: not sent → CREATED, unknown → UNKNOWN, retryable refusal → CREATED under a new
 *    number, final refusal → FAILED;
 * 6. resolve unknown: a query decides; a number that may still hold a provider order is retired,
 *    and reconcile closes it until the provider proves it closed (see retired.ts).
 */
import { GatewayError, type Payer, type PaymentOrder, type RequestPaymentParams } from '../gateways/contract';
import type { PricedCart } from '../catalog/pricing';
import { describeCart } from '../catalog/pricing';
import { randomToken } from '../platform/crypto';
import { AppError } from '../platform/errors';
import { createLogger, scrubText } from '../platform/log';
import type { Fen } from '../platform/money';
import type { OrderContext } from './context';
import { methodOf, orderIdFor, type Order, type OrderPayment, type PaymentMethod } from './model';
import { newOrderNo } from './order-no';
import { classifyFailure, closeAtProvider, isFinalRefusal, providerUnavailable, queryProvider, recordFailure } from './provider-calls';
import { provesPayment, settle } from './settlement';
import { wasPaid, type OrderStatus } from './states';

const log = createLogger('orders.payments');

export interface CreatePaymentInput {
  openid: string;
  appId: string;
  clientIp?: string;
  requestId: string;
  cart: PricedCart;
  method: PaymentMethod;
}

interface AnswerBase {
  orderNo: string;
  amount: Fen;
  status: OrderStatus;
}
/** JSAPI: `payment` for wx.requestPayment. QR: `qr.content` to render as a QR code. */
export type PaymentAnswer = AnswerBase & ({ payment: RequestPaymentParams } | { qr: { content: string } });

const POLL_MS = 100;
/** A call resolves at most this many state changes before giving the client a retryable answer. */
const MAX_ROUNDS = 4;

export interface CartRequest {
  skuId: string;
  quantity: number;
}

// 1. Identity of the request.

/**
 * A retried checkout (same shopper, same requestId) goes on with the order it already made, even
 * if prices or availability changed since: it must be the same cart, though.
 */
export async function resumePayment(
  ctx: OrderContext,
  openid: string,
  requestId: string,
  items: readonly CartRequest[],
  method: PaymentMethod,
): Promise<PaymentAnswer | undefined> {
  const order = await ctx.repo.findById(orderIdFor(openid, requestId));
  if (!order) return undefined;
  assertSameRequest(order, items, method);
  return continuePayment(ctx, order);
}

function assertSameRequest(order: Order, items: readonly CartRequest[], method: PaymentMethod): void {
  if (!sameItems(order, items)) throw reusedRequestId();
  const made = methodOf(order);
  if (describeMethod(made) !== describeMethod(method)) {
    throw new AppError('CONFLICT', `requestId: already used for ${describeMethod(made)}, not ${describeMethod(method)}; use a new requestId to pay another way`);
  }
}

function describeMethod(method: PaymentMethod): string {
  return method.kind === 'qr' ? `QR payment (${method.channel})` : 'WeChat in-app payment';
}

/** QR payment only where the provider has it: refused before any order is made. */
export function assertMethodAvailable(ctx: OrderContext, method: PaymentMethod): void {
  if (method.kind === 'qr' && !ctx.gateway.createQr) {
    throw new AppError('INVALID_ARGUMENT', `action: QR payment is not available with ${ctx.gateway.name}`);
  }
}

function sameItems(order: Order, items: readonly CartRequest[]): boolean {
  const key = (lines: readonly CartRequest[]) => JSON.stringify(lines.map((line) => [line.skuId, line.quantity]));
  return key(order.lines) === key(items);
}

function reusedRequestId(): AppError {
  return new AppError('CONFLICT', 'requestId: already used for a different cart; use a new requestId for a new order');
}

// 2. Draft, 3. claim: a new order is inserted already claimed for its first create call.

function draftOrder(ctx: OrderContext, input: CreatePaymentInput, attemptId: string): Order {
  const now = ctx.now();
  return {
    _id: orderIdFor(input.openid, input.requestId),
    orderNo: newOrderNo(ctx.gateway.orderNoPrefix, new Date(now)),
    previousOrderNos: [],
    openid: input.openid,
    appId: input.appId,
    requestId: input.requestId,
    ...(input.clientIp ? { clientIp: input.clientIp } : {}),
    provider: ctx.gateway.name,
    method: input.method,
    lines: input.cart.lines,
    amount: input.cart.amount,
    description: describeCart(ctx.settings.shopName, input.cart.lines),
    status: 'PAYING',
    attemptId,
    payment: null,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + ctx.settings.orderExpiryMs,
    refundedAmount: 0 as Fen,
    refunds: [],
  };
}

export async function createPayment(ctx: OrderContext, input: CreatePaymentInput): Promise<PaymentAnswer> {
  assertMethodAvailable(ctx, input.method);
  const attemptId = randomToken(16);
  const { order, created } = await ctx.repo.insertIfAbsent(draftOrder(ctx, input, attemptId));
  if (created) return createAtProvider(ctx, order, attemptId);
  assertSameRequest(order, input.cart.lines, input.method);
  return continuePayment(ctx, order);
}

export interface CheckoutInput {
  openid: string;
  appId: string;
  clientIp?: string;
  requestId: string;
  items: readonly CartRequest[];
  method: PaymentMethod;
}

/**
 * A checkout as the pay function takes it: priced first, then inserted already claimed, so a new
 * order costs the catalog read and one operation on orders before the provider call. A retried
 * checkout finds its order on that insert; one whose products changed since (unavailable, gone),
 * so that pricing fails, goes on with the order it made.
 */
export async function checkout(ctx: OrderContext, input: CheckoutInput, price: (items: readonly CartRequest[]) => Promise<PricedCart>): Promise<PaymentAnswer> {
  assertMethodAvailable(ctx, input.method);
  let cart: PricedCart;
  try {
    cart = await price(input.items);
  } catch (err) {
    const resumed = await resumePayment(ctx, input.openid, input.requestId, input.items, input.method);
    if (resumed) return resumed;
    throw err;
  }
  const { items: _items, ...rest } = input;
  return createPayment(ctx, { ...rest, cart });
}

/** An existing order asked to pay again: claim the next create call (CREATED → PAYING), or null when another caller won. */
async function claimCreate(ctx: OrderContext, order: Order): Promise<{ order: Order; attemptId: string } | null> {
  const attemptId = randomToken(16);
  const claimed = await ctx.repo.transition(order._id, { to: 'PAYING', by: 'create', from: ['CREATED'], where: { orderNo: order.orderNo }, set: { attemptId, payment: null } });
  return claimed ? { order: { ...order, status: 'PAYING', attemptId, payment: null }, attemptId } : null;
}

// 4. Call, 5. record.

/** Called by the holder of the claim `attemptId` only. */
async function createAtProvider(ctx: OrderContext, order: Order, attemptId: string): Promise<PaymentAnswer> {
  let payment: OrderPayment;
  try {
    payment = await createWithMethod(ctx, order);
  } catch (err) {
    throw await createFailed(ctx, order, attemptId, err);
  }
  if (await keepPayment(ctx, order, attemptId, payment)) return answer({ ...order, payment });
  return continuePayment(ctx, await reread(ctx, order._id));
}

/**
 * The pay params and the record of the create call, in one write while our attempt still owns the
 * PAYING order. When something moved it meanwhile (a payment notified before our answer came), or
 * the write failed, the create is recorded in payment_events instead: never lost.
 */
async function keepPayment(ctx: OrderContext, order: Order, attemptId: string, payment: OrderPayment): Promise<boolean> {
  const recordElsewhere = () => ctx.events.tryRecord({ kind: 'create', provider: ctx.gateway.name, orderNo: order.orderNo, orderId: order._id, outcome: 'ok', amount: order.amount });
  let kept: boolean;
  try {
    kept = await ctx.repo.storePayment(order._id, attemptId, payment, order.orderNo);
  } catch (err) {
    await recordElsewhere();
    throw err;
  }
  if (!kept) await recordElsewhere();
  return kept;
}

/** The one provider call that differs between payment methods. */
async function createWithMethod(ctx: OrderContext, order: Order): Promise<OrderPayment> {
  const method = methodOf(order);
  const withId = (providerOrderId: string | undefined) => (providerOrderId ? { providerOrderId } : {});
  if (method.kind === 'qr') {
    // Only when the configured provider changed since the order was made: nothing was sent, and never will be.
    if (!ctx.gateway.createQr) throw new GatewayError(ctx.gateway.name, 'INVALID_ARGUMENT', 'QR payment is not available', 'rejected', { retryable: false });
    const created = await ctx.gateway.createQr(paymentOrder(order), method.channel);
    return { qrContent: created.qrContent, ...withId(created.providerOrderId) };
  }
  const created = await ctx.gateway.createJsapi(paymentOrder(order), payer(order));
  return { params: created.params, ...withId(created.providerOrderId) };
}

function paymentOrder(order: Order): PaymentOrder {
  return { orderNo: order.orderNo, amount: order.amount, description: order.description, lines: order.lines, expiresAt: new Date(order.expiresAt) };
}

function payer(order: Order): Payer {
  return { appId: order.appId, openId: order.openid, ...(order.clientIp ? { clientIp: order.clientIp } : {}) };
}

async function createFailed(ctx: OrderContext, order: Order, attemptId: string, err: unknown): Promise<AppError> {
  const failure = classifyFailure(err);
  await recordFailure(ctx, 'create', order, failure);
  const mine = { attemptId };
  if (failure.outcome === 'unknown') {
    log.warn('create outcome unknown: order left for a query', { orderNo: order.orderNo, code: failure.code });
    await ctx.repo.transition(order._id, { to: 'UNKNOWN', by: 'create', from: ['PAYING'], where: mine });
    return providerUnavailable(failure);
  }
  if (failure.outcome === 'not_sent' && failure.retryable) {
    await ctx.repo.transition(order._id, { to: 'CREATED', by: 'create', from: ['PAYING'], where: mine, set: { attemptId: null } });
    return providerUnavailable(failure);
  }
  if (!isFinalRefusal(failure) || failure.newOrderNoRequired) {
    // Refused: nothing was created under that number, so it is retired closed.
    await retireOrderNo(ctx, order, 'PAYING', mine, false);
    return new AppError('PROVIDER_UNAVAILABLE', `the provider refused the order for now (${failure.code}); try again`, true);
  }
  const message = scrubText(failure.message);
  await ctx.repo.transition(order._id, { to: 'FAILED', by: 'create', from: ['PAYING'], where: mine, set: { failure: ctx.repo.command.set({ code: failure.code, message }), closedAt: ctx.now() } });
  return new AppError('PROVIDER_REJECTED', `the provider refused the payment: ${message}`, false);
}

/** Back to CREATED under a fresh order number; the old one stays findable, and open (for reconcile to close) when the provider may hold it. */
async function retireOrderNo(ctx: OrderContext, order: Order, from: OrderStatus, where: Record<string, unknown>, mayBeOpen: boolean): Promise<boolean> {
  return ctx.repo.retireOrderNo(order, from, where, newOrderNo(ctx.gateway.orderNoPrefix, new Date(ctx.now())), mayBeOpen);
}

// The driver for an order that exists already: each round moves it one step, until there is an answer.

async function continuePayment(ctx: OrderContext, order: Order): Promise<PaymentAnswer> {
  let current = order;
  for (let round = 0; round <= MAX_ROUNDS; round++) {
    const next = await nextStep(ctx, current);
    if ('answer' in next) return next.answer;
    current = next.order;
  }
  throw busy();
}

async function nextStep(ctx: OrderContext, order: Order): Promise<{ answer: PaymentAnswer } | { order: Order }> {
  const now = ctx.now();
  if (wasPaid(order.status)) throw new AppError('ORDER_PAID', `order ${order.orderNo} is already paid`);
  switch (order.status) {
    case 'CLOSED':
      throw new AppError('ORDER_CLOSED', `order ${order.orderNo} is closed; start a new order`);
    case 'FAILED':
      throw new AppError('PROVIDER_REJECTED', `the provider refused order ${order.orderNo}${order.failure ? ` (${order.failure.message})` : ''}; start a new order`);
    case 'CREATED': {
      if (order.expiresAt <= now) {
        await ctx.repo.transition(order._id, { to: 'CLOSED', by: 'close', from: ['CREATED'], set: { closedAt: now } });
        return { order: await reread(ctx, order._id) };
      }
      const claim = await claimCreate(ctx, order);
      if (!claim) return { order: await reread(ctx, order._id) };
      return { answer: await createAtProvider(ctx, claim.order, claim.attemptId) };
    }
    case 'PAYING':
      if (order.payment) {
        if (order.expiresAt <= now) throw new AppError('ORDER_CLOSED', `order ${order.orderNo} has expired; start a new order`);
        return { answer: answer(order) };
      }
      if (createCallGone(ctx, order)) return { order: await markCreateUnknown(ctx, order) };
      return { order: await waitForAttempt(ctx, order) };
    case 'UNKNOWN':
      return { order: await resolveUnknown(ctx, order) };
    default:
      throw new AppError('INTERNAL', `unexpected order status ${order.status}`);
  }
}

async function reread(ctx: OrderContext, id: string): Promise<Order> {
  const order = await ctx.repo.findById(id);
  if (!order) throw new AppError('INTERNAL', 'order vanished');
  return order;
}

function answer(order: Order): PaymentAnswer {
  if (!order.payment) throw new AppError('INTERNAL', 'order has no pay params');
  const base = { orderNo: order.orderNo, amount: order.amount, status: order.status };
  return 'params' in order.payment ? { ...base, payment: order.payment.params } : { ...base, qr: { content: order.payment.qrContent } };
}

function busy(): AppError {
  return new AppError('PROVIDER_UNAVAILABLE', 'the payment is still being prepared; try again in a moment', true);
}

/** Another call holds the claim: wait (briefly) for its pay params or for its failure. */
async function waitForAttempt(ctx: OrderContext, order: Order): Promise<Order> {
  const deadline = ctx.now() + ctx.settings.createWaitMs;
  for (;;) {
    await ctx.sleep(POLL_MS);
    const current = await reread(ctx, order._id);
    if (current.status !== 'PAYING' || current.payment || current.attemptId !== order.attemptId) return current;
    if (ctx.now() >= deadline) throw busy();
  }
}

// 6. Resolve unknown.

/** Claimed for a create call that has had no answer for longer than any call takes: its caller is gone (a crash, a time limit). */
export function createCallGone(ctx: OrderContext, order: Order): boolean {
  return order.status === 'PAYING' && !order.payment && order.updatedAt + ctx.settings.createLeaseMs <= ctx.now();
}

/** That call's outcome is unknown: PAYING → UNKNOWN (for its attempt only), then resolved like any unknown outcome. */
export async function markCreateUnknown(ctx: OrderContext, order: Order): Promise<Order> {
  await ctx.repo.transition(order._id, { to: 'UNKNOWN', by: 'create', from: ['PAYING'], where: { attemptId: order.attemptId, payment: null } });
  return reread(ctx, order._id);
}

/**
 * The last create call's outcome is unknown. Ask the provider: a payment (also one refunded since)
 * → settle. Otherwise nobody holds pay params for whatever the provider may have (the answer never
 * reached us), so close it there if it may be payable, then retry under a new order number; the
 * old number stays open for reconcile until the provider proves it closed or never there (a late
 * create may still land). A provider that refuses the query outright (QuickPay has no documented
 * "not found") is treated like one that has nothing.
 */
export async function resolveUnknown(ctx: OrderContext, order: Order): Promise<Order> {
  const found = await queryProvider(ctx, order).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'PROVIDER_REJECTED') return undefined;
    throw err;
  });
  if (found?.found && provesPayment(found.state.status)) {
    await settle(ctx, order, found.state, 'query');
    return reread(ctx, order._id);
  }
  const settledThere = found?.found === true && (found.state.status === 'CLOSED' || found.state.status === 'FAILED');
  // Refused (nothing to close) is fine; no answer at all means we still do not know.
  if (!settledThere) await closeAtProvider(ctx, order, true);
  await retireOrderNo(ctx, order, 'UNKNOWN', {}, !settledThere);
  return reread(ctx, order._id);
}

/**
 * The kept pay params can no longer be used (WeChat's prepay ids last two hours) while the order
 * itself may still be paid: ask the provider first (paid or closed there → settled), otherwise
 * close that provider order and retry under a new order number, as for an unknown outcome. The
 * next preparePayment (resumePayment) creates the new provider order.
 */
export async function renewPayment(ctx: OrderContext, order: Order): Promise<Order> {
  if (order.status !== 'PAYING' || !order.payment) return order;
  const found = await queryProvider(ctx, order);
  if (found.found && found.state.status !== 'PENDING' && found.state.status !== 'UNKNOWN') {
    await settle(ctx, order, found.state, 'query');
    return reread(ctx, order._id);
  }
  if (found.found) await closeAtProvider(ctx, order, false);
  // Closed there (confirmed), or not found: then reconcile proves it absent before forgetting it.
  await retireOrderNo(ctx, order, 'PAYING', { attemptId: order.attemptId }, !found.found);
  return reread(ctx, order._id);
}
