/**
 * Tencent's fee_type / refund_fee_type (公共数据结构.md: String(3), "目前只支持人民币，请填 CNY"):
 * an answer or a notification in another currency never moves an order as if fen of CNY were
 * paid or refunded — it is refused as an amount mismatch, with the same ALERT.
 */
import { LocalDatabase } from '../../../sandbox/cloud/database';
import type { PaymentGateway, RefundResult } from '../../../server/gateways/contract';
import { sealRequest } from '../../../server/gateways/tencent/envelope';
import { toProviderOrderState, toRefundResult } from '../../../server/gateways/tencent/map';
import { parseTencentNotification } from '../../../server/gateways/tencent/notification';
import { compare } from '../../../server/merchant/reconcile-day';
import { createOrderContext, type OrderContext } from '../../../server/orders/context';
import { ORDERS, type Order } from '../../../server/orders/model';
import { handleNotification } from '../../../server/orders/notifications';
import { refund } from '../../../server/orders/refunds';
import { settle } from '../../../server/orders/settlement';
import { setLogSink } from '../../../server/platform/log';
import type { Fen } from '../../../server/platform/money';
import { storedOrder } from '../../support/orders';

const KEY = 'notify-key-0123456789';
const MCH = { pay_platform: 1, out_mch_id: 'mch', out_sub_mch_id: 'sub-9', out_shop_id: 'shop' };

function notification(feeType?: string) {
  const content = {
    nonce_str: 'abcdef',
    pay_mch_key: MCH,
    order_content: {
      out_trade_no: 'sz01N1',
      transaction_id: '4200009',
      total_fee: 880,
      ...(feeType !== undefined ? { fee_type: feeType } : {}),
      time_end: 1_760_000_000,
      wxpay_order_content_ext: { current_trade_state: 3 },
    },
    order_client: { spbill_create_ip: '1.2.3.4' },
  };
  return { headers: { 'content-type': 'application/json' }, body: Buffer.from(sealRequest(KEY, content).body) };
}

function order(extra: Partial<Order> = {}): Order {
  return storedOrder({ orderNo: 'sz01N1', requestId: 'r', provider: 'tencent', amount: 880 as Fen, ...extra });
}

describe('Tencent amounts in another currency than CNY', () => {
  let db: LocalDatabase;
  let ctx: OrderContext;
  let refundAnswer: (request: { refundNo: string; refundAmount: number }) => RefundResult;
  const logs: string[] = [];
  const stored = async () => (await db.collection(ORDERS).doc('o1').get()).data as unknown as Order;

  beforeEach(async () => {
    db = new LocalDatabase();
    logs.length = 0;
    setLogSink((line) => logs.push(line));
    const gateway = new Proxy({ name: 'tencent', orderNoPrefix: '' } as PaymentGateway, {
      get: (target, key) => {
        if (key === 'parseNotification') return (incoming: Parameters<PaymentGateway['parseNotification']>[0]) => parseTencentNotification(KEY, incoming);
        if (key === 'refund') return async (request: { refundNo: string; refundAmount: number }) => refundAnswer(request);
        return key in target ? target[key as keyof PaymentGateway] : () => Promise.reject(new Error(`unexpected call ${String(key)}`));
      },
    });
    ctx = createOrderContext(db, gateway, { shopName: 'S', orderExpiryMs: 60_000, merchantId: 'sub-9', createWaitMs: 0, createLeaseMs: 60_000, statusQueryIntervalMs: 0 });
  });
  afterEach(() => db.close());

  it('reads fee_type and refund_fee_type as the currency of the amount', () => {
    expect(toProviderOrderState({ out_trade_no: 'sz01N1', total_fee: 880, fee_type: 'USD', wxpay_order_content_ext: { current_trade_state: 3 } }, MCH)).toMatchObject({ amount: 880, currency: 'USD' });
    expect(toProviderOrderState({ out_trade_no: 'sz01N1', total_fee: 880, wxpay_order_content_ext: { current_trade_state: 3 } }, MCH)).not.toHaveProperty('currency');
    const refunded = toRefundResult({ out_refund_no: 'R1', out_trade_no: 'sz01N1', total_fee: 880, refund_fee: 880, refund_fee_type: 'HKD', wxpay_refund_order_content_ext: { state: 2 } });
    expect(refunded).toMatchObject({ refundAmount: 880, currency: 'HKD' });
  });

  it('a signed notification in USD does not make the order paid: amount mismatch, ALERT; the same in CNY does', async () => {
    await db.collection(ORDERS).add({ data: { ...order() } });
    expect(await handleNotification(ctx, notification('USD'))).toEqual({ ack: true, outcome: 'amount_mismatch' });
    expect((await stored()).status).toBe('PAYING');
    expect(logs.some((line) => line.includes('ALERT amount mismatch') && line.includes('USD'))).toBe(true);
    expect((await db.collection('payment_events').where({}).get()).data).toEqual([expect.objectContaining({ outcome: 'amount_mismatch', currency: 'USD' })]);

    expect(await handleNotification(ctx, notification('CNY'))).toEqual({ ack: true, outcome: 'applied' });
    expect((await stored()).status).toBe('PAID');
  });

  it('a query answer in another currency moves no order, also one closed here, and the day’s reconciliation calls it a mismatch', async () => {
    await db.collection(ORDERS).add({ data: { ...order({ status: 'CLOSED' }) } });
    const answer = toProviderOrderState({ out_trade_no: 'sz01N1', total_fee: 880, fee_type: 'JPY', wxpay_order_content_ext: { current_trade_state: 3 } }, MCH);
    expect(await settle(ctx, order({ status: 'CLOSED' }), answer, 'query')).toBe('amount_mismatch');
    expect((await stored()).status).toBe('CLOSED');
    expect(compare(order({ status: 'PAID' }), answer)).toBe('amount_mismatch');
    expect(compare(order({ status: 'CLOSED' }), answer)).toBe('amount_mismatch');
  });

  it('a refund answered in another currency is not taken as refunded', async () => {
    await db.collection(ORDERS).add({ data: { ...order({ status: 'PAID', paidAt: 2, paidOrderNo: 'sz01N1' }) } });
    refundAnswer = (request) =>
      toRefundResult({ out_refund_no: request.refundNo, out_trade_no: 'sz01N1', total_fee: 880, refund_fee: request.refundAmount, refund_fee_type: 'USD', wxpay_refund_order_content_ext: { state: 2 } });
    await expect(refund(ctx, { orderNo: 'sz01N1', refundNo: 'R1', amount: 880 as Fen })).rejects.toMatchObject({ code: 'AMOUNT_MISMATCH', message: expect.stringContaining('USD') });
    expect(await stored()).toMatchObject({ status: 'REFUNDING', refundedAmount: 0, refunds: [expect.objectContaining({ refundNo: 'R1', status: 'PENDING' })] });
  });
});
