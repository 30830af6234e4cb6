/**
 * What each command does to the order book once its request has passed checkRequest, and the
 * signed answer it gives. Status rules: only WAIT_PAY orders can be paid or reversed; only paid
 * (or partly refunded) orders can be refunded, never beyond what was paid.
 */
import type { Cashier, SandboxClock } from '../common';
import { signWithFaults, type Signer } from './answers';
import { ERRORS, type CaibaoError } from './docs';
import { chinaTime, STATUS_NUMBER, type CaibaoOrder, type CaibaoOrderBook } from './orders';
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
}

export type Outcome = { data: Record<string, unknown> } | { error: CaibaoError };

type Fields = Record<string, string>;

const MP_SIGNED = ['appId', 'timeStamp', 'nonceStr', 'package', 'signType', 'paySign', 'timestamp'];
const SCAN_SIGNED = ['qrCode', 'localOrderNo', 'cbOrderNo', 'totalAmount', 'paymentChannel', 'timestamp'];

function signed(values: Record<string, string | number | undefined>, names: readonly string[], ctx: CommandContext): Outcome {
  return { data: signWithFaults(values, names, ctx.signer, ctx.signer.faults.answers, 'timestamp') };
}

/** Answers of the undocumented commands are signed over every field (assumptions.ts). */
function signedOverAll(values: Record<string, string | number | undefined>, ctx: CommandContext): Outcome {
  const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  return signed(present, Object.keys(present), ctx);
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
      provider: 'caibao',
      onPaid: () => {
        ctx.markPaid(created);
      },
    });
    ctx.orders.add(created);
    order = created;
  }
  return signed({ ...order.payParams, timestamp: String(ctx.clock.now()) }, MP_SIGNED, ctx);
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
    paymentChannel: order.channel === 'ALIPAY' ? 1 : 2,
    timestamp: ctx.clock.now(),
  };
  const outcome = signed(answer, SCAN_SIGNED, ctx);
  // Documented: version ≥ 1.1 adds these two, unsigned.
  if (fields.version === '1.1' && 'data' in outcome) Object.assign(outcome.data, { subject: order.subject, paymentWay: 'NATIVE' });
  return outcome;
}

/** local_order_no or order_no (Caibao's number); when both are given they must name the same order. */
function findOrder(fields: Fields, ctx: CommandContext): CaibaoOrder | CaibaoError {
  if (!fields.local_order_no && !fields.order_no) return ERRORS.missing('local_order_no或order_no');
  const byLocal = fields.local_order_no ? ctx.orders.byLocal(fields.local_order_no) : undefined;
  const byCaibao = fields.order_no ? ctx.orders.get(fields.order_no) : undefined;
  if (fields.local_order_no && fields.order_no && byLocal !== byCaibao) return ERRORS.orderNotFound;
  return byLocal ?? byCaibao ?? ERRORS.orderNotFound;
}

function orderAnswer(order: CaibaoOrder, ctx: CommandContext): Outcome {
  return signedOverAll(
    {
      localOrderNo: order.localOrderNo,
      cbOrderNo: order.cbOrderNo,
      outOrderNo: order.outOrderNo,
      orderStatus: STATUS_NUMBER[order.status],
      totalAmount: order.amount,
      receiveAmount: order.status === 'WAIT_PAY' || order.status === 'REVERSED' || order.status === 'CANCEL' ? 0 : order.amount,
      refundAmount: order.refundAmount,
      payTime: order.payTime === undefined ? undefined : chinaTime(order.payTime),
      timestamp: ctx.clock.now(),
    },
    ctx,
  );
}

function query(fields: Fields, ctx: CommandContext): Outcome {
  const order = findOrder(fields, ctx);
  return 'cbOrderNo' in order ? orderAnswer(order, ctx) : { error: order };
}

function reverse(fields: Fields, ctx: CommandContext): Outcome {
  const order = findOrder(fields, ctx);
  if (!('cbOrderNo' in order)) return { error: order };
  if (ctx.orders.transition(order, ['WAIT_PAY'], 'REVERSED')) {
    const prepayId = /^prepay_id=(.+)$/.exec(order.payParams?.package ?? '')?.[1];
    if (prepayId) ctx.cashier.revoke(prepayId);
  } else if (order.status !== 'REVERSED' && order.status !== 'CANCEL') {
    return { error: ERRORS.wrongState('订单已支付，不能撤销') };
  }
  return orderAnswer(order, ctx);
}

function refund(fields: Fields, ctx: CommandContext): Outcome {
  const order = findOrder(fields, ctx);
  if (!('cbOrderNo' in order)) return { error: order };
  const refundableStates = ['PAY_SUC', 'PART_REFUND'] as const;
  if (!refundableStates.some((s) => s === order.status)) return { error: ERRORS.wrongState('订单未支付或已全额退款，不能退款') };
  const refundable = order.amount - order.refundAmount;
  // Documented: an empty refund_amount refunds everything (still refundable).
  const amount = fields.refund_amount ? Number(fields.refund_amount) : refundable;
  if (amount > refundable) return { error: ERRORS.wrongState('退款金额超过可退金额') };
  const to = order.refundAmount + amount === order.amount ? 'ALL_REFUND' : 'PART_REFUND';
  ctx.orders.transition(order, refundableStates, to);
  order.refundAmount += amount;
  return orderAnswer(order, ctx);
}

export const HANDLERS: Readonly<Record<string, (fields: Fields, ctx: CommandContext) => Outcome>> = {
  'open.pay.mp': payMp,
  'open.pay.scan': payScan,
  'open.pay.query': query,
  'open.pay.reverse': reverse,
  'open.pay.refund': refund,
};
