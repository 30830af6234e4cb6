/**
 * What each command does to the order book once its request has passed checkRequest, and the
 * signed answer it gives (answer fields and which of them are signed: pages/). Status rules: only
 * WAIT_PAY orders can be paid or reversed; only paid (or partly refunded) orders can be refunded,
 * never beyond what was paid.
 */
import type { Cashier, SandboxClock } from '../common';
import { signWithFaults, type Signer } from './answers';
import { ERRORS, type CaibaoError } from './errors';
import { STATUS_NUMBER, type CaibaoOrder, type CaibaoOrderBook, type CaibaoRefund } from './orders';
import { answerSignedNames, ORDER_STATUS_NUMBER, PAYMENT_CHANNEL_NUMBER, REFUND_STATUS } from './pages';
import { MP_PAGE } from './pages/mp';
import { QUERY_PAGE } from './pages/query';
import { REFUND_PAGE } from './pages/refund';
import { REVERSE_PAGE } from './pages/reverse';
import { SCAN_PAGE } from './pages/scan';
import { sortedPairs } from './signing';

export interface CommandContext {
  orders: CaibaoOrderBook;
  cashier: Cashier;
  clock: SandboxClock;
  signer: Signer;
  /** Marks the order paid (compare-and-set) and notifies the merchant. */
  markPaid(order: CaibaoOrder): boolean;
  /** This sandbox's own address as the caller reached it (for the QR page URL). */
  baseUrl: string;
  /** The payment channel refuses refunds: open.pay.refund answers refundStatus -3. */
  channelRefusesRefunds: boolean;
}

export type Outcome = { data: Record<string, unknown> } | { error: CaibaoError };

type Fields = Record<string, string>;

/** Absent values are left out of the answer; the signature covers the page's signed fields. */
function signed(values: Record<string, string | number | undefined>, names: readonly string[], ctx: CommandContext): Outcome {
  const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  return { data: signWithFaults(present, names, ctx.signer, ctx.signer.faults.answers, 'timestamp') };
}

/** The business fields that identify a create request, so a retry can be told from a conflict. */
function fingerprint(command: string, fields: Fields): string {
  const { timestamp: _t, sign: _s, version: _v, ...business } = fields;
  return `${command}?${sortedPairs(business, Object.keys(business))}`;
}

/** An existing order for this local_order_no: the same request again is answered again; different content is refused. */
function existing(command: string, fields: Fields, ctx: CommandContext): CaibaoOrder | CaibaoError | undefined {
  if (!fields.local_order_no) return undefined;
  const order = ctx.orders.byLocal(fields.local_order_no);
  if (!order) return undefined;
  return order.fingerprint === fingerprint(command, fields) ? order : ERRORS.duplicateOrder;
}

function newOrder(command: CaibaoOrder['command'], fields: Fields, ctx: CommandContext): CaibaoOrder {
  const now = ctx.clock.now();
  return {
    cbOrderNo: ctx.orders.nextCbOrderNo(now),
    localOrderNo: fields.local_order_no || undefined,
    command,
    channel: command === 'open.pay.scan' && fields.channel === '1' ? 'ALIPAY' : 'WECHAT',
    amount: Number(fields.amount),
    subject: fields.subject ?? '',
    fingerprint: fingerprint(command, fields),
    notifyUrl: fields.notify_url || undefined,
    status: 'WAIT_PAY',
    refundAmount: 0,
    createdAt: now,
    // ming-ci-jie-shi.md lists BARCODE / QRCODE / SCAN, none for JSAPI: left out for open.pay.mp.
    ...(command === 'open.pay.scan' ? { paymentWay: 'SCAN' as const } : {}),
  };
}

function payMp(fields: Fields, ctx: CommandContext): Outcome {
  const found = existing('open.pay.mp', fields, ctx);
  if (found && !('cbOrderNo' in found)) return { error: found };
  let order = found;
  if (!order) {
    const created = newOrder('open.pay.mp', fields, ctx);
    created.payParams = ctx.cashier.issue({
      appId: fields.sub_app_id ?? '',
      amount: created.amount,
      description: created.subject || `Caibao ${created.cbOrderNo}`,
      provider: 'Caibao',
      onPaid: () => {
        ctx.markPaid(created);
      },
    });
    ctx.orders.add(created);
    order = created;
  }
  return signed({ ...order.payParams, timestamp: String(ctx.clock.now()) }, answerSignedNames(MP_PAGE), ctx);
}

function payScan(fields: Fields, ctx: CommandContext): Outcome {
  const found = existing('open.pay.scan', fields, ctx);
  if (found && !('cbOrderNo' in found)) return { error: found };
  let order = found;
  if (!order) {
    order = newOrder('open.pay.scan', fields, ctx);
    ctx.orders.add(order);
  }
  const answer = {
    qrCode: `${ctx.baseUrl}/qr/${order.cbOrderNo}`,
    localOrderNo: order.localOrderNo,
    cbOrderNo: order.cbOrderNo,
    totalAmount: order.amount,
    paymentChannel: PAYMENT_CHANNEL_NUMBER[order.channel],
    timestamp: ctx.clock.now(),
  };
  const outcome = signed(answer, answerSignedNames(SCAN_PAGE), ctx);
  // Documented: version ≥ 1.1 adds these two, unsigned.
  if (fields.version === '1.1' && 'data' in outcome) Object.assign(outcome.data, { subject: order.subject, paymentWay: order.paymentWay });
  return outcome;
}

/** local_order_no or order_no, Caibao's number; when both are given order_no wins (documented). */
function findOrder(fields: Fields, ctx: CommandContext): CaibaoOrder | CaibaoRefund | CaibaoError {
  if (fields.order_no) return ctx.orders.get(fields.order_no) ?? ctx.orders.refund(fields.order_no) ?? ERRORS.orderNotFound;
  return (fields.local_order_no ? ctx.orders.byLocal(fields.local_order_no) : undefined) ?? ERRORS.orderNotFound;
}

const isError = (found: CaibaoOrder | CaibaoRefund | CaibaoError): found is CaibaoError => 'errorCode' in found;
const isRefund = (found: CaibaoOrder | CaibaoRefund): found is CaibaoRefund => 'paid' in found;

/** The query answer (ding-dan-cha-xun.md): numbers for status and channel, epoch ms for times. */
function queryAnswer(order: CaibaoOrder, fields: Fields, ctx: CommandContext): Outcome {
  const received = order.status === 'WAIT_PAY' || order.status === 'REVERSED' || order.status === 'CANCEL' || order.status === 'PAY_FAIL';
  const values = {
    localOrderNo: order.localOrderNo,
    cbOrderNo: order.cbOrderNo,
    outOrderNo: order.outOrderNo,
    orderStatus: STATUS_NUMBER[order.status],
    subject: order.subject,
    paymentChannel: PAYMENT_CHANNEL_NUMBER[order.channel],
    paymentWay: order.paymentWay,
    payTime: order.payTime,
    totalAmount: order.amount,
    receiveAmount: received ? 0 : order.amount,
    refundAmount: order.refundAmount,
    refundTime: order.refundTime,
    timestamp: ctx.clock.now(),
    ...(fields.version === '1.1' ? { discountAmount: 0 } : {}),
  };
  return signed(values, answerSignedNames(QUERY_PAGE), ctx);
}

/** A refund order queried by its own cbOrderNo: status 3 "退款成功（仅针对退款订单）". */
function refundOrderAnswer(refund: CaibaoRefund, ctx: CommandContext): Outcome {
  const values = {
    localOrderNo: refund.localOrderNo,
    cbOrderNo: refund.cbOrderNo,
    outOrderNo: refund.paid.outOrderNo,
    orderStatus: ORDER_STATUS_NUMBER.refundOrderSucceeded,
    paymentChannel: PAYMENT_CHANNEL_NUMBER[refund.paid.channel],
    totalAmount: refund.amount,
    timestamp: ctx.clock.now(),
  };
  return signed(values, answerSignedNames(QUERY_PAGE), ctx);
}

function query(fields: Fields, ctx: CommandContext): Outcome {
  const found = findOrder(fields, ctx);
  if (isError(found)) return { error: found };
  return isRefund(found) ? refundOrderAnswer(found, ctx) : queryAnswer(found, fields, ctx);
}

/** Only a waiting order is reversed; the documented refusals otherwise. The answer is sign + timestamp. */
function reverse(fields: Fields, ctx: CommandContext): Outcome {
  const found = findOrder(fields, ctx);
  if (isError(found)) return { error: found };
  if (isRefund(found)) return { error: ERRORS.reverseRefused('notAPayment') };
  if (ctx.orders.transition(found, ['WAIT_PAY'], 'REVERSED')) {
    const prepayId = /^prepay_id=(.+)$/.exec(found.payParams?.package ?? '')?.[1];
    if (prepayId) ctx.cashier.revoke(prepayId);
  } else if (found.status === 'PAY_SUC' || found.status === 'PART_REFUND') {
    return { error: ERRORS.reverseRefused('paid') };
  } else if (found.status === 'ALL_REFUND') {
    return { error: ERRORS.reverseRefused('fullyRefunded') };
  } else if (found.status === 'PAY_FAIL') {
    return { error: ERRORS.reverseRefused('failed') };
  }
  return signed({ timestamp: ctx.clock.now() }, answerSignedNames(REVERSE_PAGE), ctx);
}

/**
 * Refunds a paid order (an empty refund_amount refunds everything left, documented) as a refund
 * order of its own. When the channel refuses (`ctx.channelRefusesRefunds`) the answer is still a
 * success envelope, with refundStatus -3, and the paid order is unchanged.
 */
function refund(fields: Fields, ctx: CommandContext): Outcome {
  const found = findOrder(fields, ctx);
  if (isError(found)) return { error: found };
  if (isRefund(found)) return { error: ERRORS.wrongState('退款订单不能退款') };
  const refundableStates = ['PAY_SUC', 'PART_REFUND'] as const;
  if (!refundableStates.some((s) => s === found.status)) return { error: ERRORS.wrongState('订单未支付或已全额退款，不能退款') };
  const refundable = found.amount - found.refundAmount;
  const amount = fields.refund_amount ? Number(fields.refund_amount) : refundable;
  if (amount > refundable) return { error: ERRORS.wrongState('退款金额超过可退金额') };
  const now = ctx.clock.now();
  const refunded: CaibaoRefund = {
    cbOrderNo: ctx.orders.nextCbOrderNo(now),
    localOrderNo: `${found.localOrderNo ?? found.cbOrderNo}-R${ctx.orders.refundsOf(found).length + 1}`,
    paid: found,
    amount,
    refundStatus: ctx.channelRefusesRefunds ? REFUND_STATUS.failed : REFUND_STATUS.succeeded,
    createdAt: now,
  };
  ctx.orders.addRefund(refunded);
  if (refunded.refundStatus === REFUND_STATUS.succeeded) {
    const to = found.refundAmount + amount === found.amount ? 'ALL_REFUND' : 'PART_REFUND';
    ctx.orders.transition(found, refundableStates, to);
    found.refundAmount += amount;
    found.refundTime = now;
  }
  const values = {
    refundStatus: refunded.refundStatus,
    localOrderNo: refunded.localOrderNo,
    cbOrderNo: refunded.cbOrderNo,
    outOrderNo: found.outOrderNo,
    refundAmount: amount,
    timestamp: now,
  };
  return signed(values, answerSignedNames(REFUND_PAGE), ctx);
}

export const HANDLERS: Readonly<Record<string, (fields: Fields, ctx: CommandContext) => Outcome>> = {
  'open.pay.mp': payMp,
  'open.pay.scan': payScan,
  'open.pay.query': query,
  'open.pay.reverse': reverse,
  'open.pay.refund': refund,
};
