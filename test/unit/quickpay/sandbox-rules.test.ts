import * as v from 'valibot';
/** The QuickPay sandbox's own rules: the documented notify schedule and acknowledgement, and its order book. */
import { createManualClock, createSandboxApp, listen, Notifier } from '../../../sandbox/common';
import { isQuickpayAcknowledged, QUICKPAY_NOTIFY_RETRY_DELAYS_MS, jsapiPaySchema, refundSchema } from '../../../sandbox/quickpay/docs';
import { fingerprint, QuickpayOrderBook, type QuickpayOrder } from '../../../sandbox/quickpay/orders';
import { QUICKPAY_ROUTES } from '../../../sandbox/quickpay';
import { CANCEL_ROUTE } from '../../../server/gateways/quickpay/assumptions';
import { ENDPOINTS } from '../../../server/gateways/quickpay/endpoints';

describe('notify schedule (documented: every 20 s ×10, then every 30 min for 24 h)', () => {
  it('is 10 pushes 20 s apart, then 48 more 30 min apart', () => {
    expect(QUICKPAY_NOTIFY_RETRY_DELAYS_MS.slice(0, 9)).toEqual(Array(9).fill(20_000));
    expect(QUICKPAY_NOTIFY_RETRY_DELAYS_MS.slice(9)).toEqual(Array(48).fill(1_800_000));
    const last = QUICKPAY_NOTIFY_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(last).toBe(9 * 20_000 + 24 * 3_600_000);
  });

  it('acknowledged only by OK or SUCCESS', () => {
    expect(isQuickpayAcknowledged(200, 'OK')).toBe(true);
    expect(isQuickpayAcknowledged(200, 'SUCCESS\n')).toBe(true);
    for (const text of ['', 'ok', 'success', 'FAIL', '{"code":"SUCCESS"}', 'OKAY']) expect(isQuickpayAcknowledged(200, text)).toBe(false);
  });

  it('a merchant that never acknowledges gets 58 pushes at exactly the scheduled times', async () => {
    const app = createSandboxApp();
    let hits = 0;
    app.post('/n', async () => {
      hits += 1;
      return 'NO';
    });
    const server = await listen(app);
    try {
      const clock = createManualClock(0);
      const notifier = new Notifier({ clock, retryDelaysMs: QUICKPAY_NOTIFY_RETRY_DELAYS_MS, isAcknowledged: isQuickpayAcknowledged });
      notifier.send({ url: `${server.url}/n`, body: '{}' });
      clock.advance(0);
      for (const delay of [...QUICKPAY_NOTIFY_RETRY_DELAYS_MS, undefined]) {
        const expected = notifier.deliveries.length + 1;
        for (let i = 0; i < 500 && notifier.deliveries.length < expected; i++) await new Promise((r) => setTimeout(r, 1));
        if (delay !== undefined) clock.advance(delay);
      }
      await notifier.idle();
      const times = notifier.deliveries.map((d) => d.at);
      expect(times).toHaveLength(58);
      expect(hits).toBe(58);
      expect(times.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => i * 20_000));
      expect(times.at(-1)).toBe(180_000 + 24 * 3_600_000);
      expect(clock.pending()).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('sandbox request rules', () => {
  it('applies the documented defaults', () => {
    const parsed = v.parse(jsapiPaySchema, { store_no: 's', appid: 'wx', openid: 'o', amount: 1, order_no: 'o1' });
    expect(parsed.operator).toBe('WEB');
    expect(parsed.paytype).toBe(11);
  });

  it('refuses a refund above the order amount', () => {
    const r = v.safeParse(refundSchema, { store_no: 's', operator: 'WEB', amount: 10, refund_amount: 11, order_no: 'o', refund_no: 'r' });
    expect(r.issues?.map((i) => i.message)).toEqual(['must not exceed amount']);
    expect(r.success).toBe(false);
  });
});

describe('QuickpayOrderBook', () => {
  const order = (overrides: Partial<QuickpayOrder> = {}): QuickpayOrder => {
    const request = v.parse(jsapiPaySchema, { store_no: 'S', appid: 'wx', openid: 'o', amount: 100, order_no: 'O1' });
    return {
      storeNo: 'S',
      orderNo: 'O1',
      fingerprint: fingerprint(request),
      request,
      amount: 100,
      status: 'CREATE',
      message: 'created',
      transactionNo: 'T1',
      cloudpayParam: '{}',
      prepayId: 'p',
      createdAt: 0,
      refundedAmount: 0,
      refunds: [],
      ...overrides,
    };
  };

  it('fingerprints ignore key order and absent optional fields', () => {
    expect(fingerprint({ a: 1, b: 'x', c: undefined })).toBe(fingerprint({ b: 'x', a: 1, c: null }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
  });

  it('marks paid once', () => {
    const book = new QuickpayOrderBook();
    const o = order();
    book.add(o);
    expect(book.markPaid(o, 5)).toBe(true);
    expect(book.markPaid(o, 6)).toBe(false);
    expect(o.paidAt).toBe(5);
  });

  it('cancels only unpaid orders, idempotently', () => {
    const book = new QuickpayOrderBook();
    const unpaid = order();
    expect(book.cancel(unpaid).ok).toBe(true);
    expect(book.cancel(unpaid).ok).toBe(true);
    expect(book.markPaid(unpaid, 1)).toBe(false);
    expect(book.cancel(order({ status: 'SUCCESSED' })).ok).toBe(false);
  });

  it('refunds up to the amount, with refund_no idempotency', () => {
    const book = new QuickpayOrderBook();
    const o = order({ status: 'SUCCESSED' });
    book.add(o);
    const refund = (refund_no: string, refund_amount: number) => ({ store_no: 'S', operator: 'WEB', amount: 100, refund_amount, order_no: 'O1', refund_no, refund_desc: 'x' });
    expect(book.applyRefund(refund('R1', 60), 'T2', 1).ok).toBe(true);
    const again = book.applyRefund(refund('R1', 60), 'T3', 2);
    expect(again.ok && again.value.refund.transactionNo).toBe('T2');
    expect(book.applyRefund(refund('R1', 40), 'T4', 3).ok).toBe(false);
    expect(book.applyRefund(refund('R2', 41), 'T5', 4).ok).toBe(false);
    expect(book.applyRefund(refund('R2', 40), 'T6', 5).ok).toBe(true);
    expect(o.status).toBe('REFUNDED');
    expect(o.refundedAmount).toBe(100);
  });
});

describe('the assumed cancel route', () => {
  it('is the same single constant for the adapter and the sandbox', () => {
    expect(QUICKPAY_ROUTES.cancel).toBe(`/${ENDPOINTS.cancel}`);
    expect(ENDPOINTS.cancel).toBe(CANCEL_ROUTE);
  });
});
