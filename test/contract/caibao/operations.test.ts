import { toFen } from '../../../server/platform/money';
import type { PaymentOrder } from '../../../server/gateways/contract';
import { errorOf, orderNo, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const payer = { appId: 'wxminiapp0001', openId: 'oPayer-123', clientIp: '10.1.2.3' };

function order(amount = 2990, no = orderNo()): PaymentOrder {
  return {
    orderNo: no,
    amount: toFen(amount),
    description: '演示商店 - 绿茶 x2, 茶杯 x1 (a long description that must be cut)',
    lines: [
      { skuId: 'tea', name: '绿茶', unitPrice: toFen(995), quantity: 2 },
      { skuId: 'cup', name: '茶杯', unitPrice: toFen(amount - 1990), quantity: 1 },
    ],
  };
}

describe('open.pay.mp (createJsapi) → cashier → notification', () => {
  it('returns the five wx.requestPayment fields that the cashier accepts unchanged; paying notifies PAID', async () => {
    const o = order();
    const payment = await h.gateway.createJsapi(o, payer);
    expect(Object.keys(payment.params).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    expect(payment.params.package).toMatch(/^prepay_id=/);

    const before = await h.gateway.query(o.orderNo);
    expect(before).toMatchObject({ orderNo: o.orderNo, status: 'PENDING', rawStatus: '1', amount: 2990 });

    expect(await h.cashier.pay(payment.params)).toEqual({ errMsg: 'requestPayment:ok' });
    const [notification] = await h.receivedFor(o.orderNo, 1);
    expect(notification?.contentType).toContain('application/x-www-form-urlencoded');
    expect(notification?.parsed).toEqual({
      kind: 'verified',
      state: expect.objectContaining({ orderNo: o.orderNo, status: 'PAID', rawStatus: 'PAY_SUC', amount: 2990 }),
    });
    await h.sandbox.notifier.idle();
    const deliveries = h.sandbox.notifier.deliveries.filter((d) => d.body.includes(o.orderNo));
    expect(deliveries.map((d) => [d.replyText, d.acknowledged])).toEqual([['success', true]]);

    const after = await h.gateway.query(o.orderNo);
    expect(after).toMatchObject({ status: 'PAID', rawStatus: '2', amount: 2990, refundedAmount: 0 });
    expect(after.paidAt).toBeInstanceOf(Date);
    expect(after.providerOrderId).toMatch(/^CB/);
  });

  it('sends the subject cut below 20 characters and the goods in fen (the sandbox would refuse otherwise)', async () => {
    const o = order();
    await h.gateway.createJsapi(o, payer);
    const kept = h.sandbox.orders.byLocal(o.orderNo);
    expect(kept && Array.from(kept.subject)).toHaveLength(19);
    expect(kept?.amount).toBe(2990);
  });

  it('the same request again gets the same pay parameters; the same order number with another amount is refused', async () => {
    const o = order();
    const first = await h.gateway.createJsapi(o, payer);
    const again = await h.gateway.createJsapi(o, payer);
    expect(again.params).toEqual(first.params);
    const conflict = await errorOf(h.gateway.createJsapi({ ...order(3990, o.orderNo) }, payer));
    expect(conflict).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', providerCode: '40' });
  });
});

describe('open.pay.scan (createQr) → QR page', () => {
  it('WeChat: the qrCode opens a page (in Chinese, as the wallet’s) with the amount and 立即支付 / 取消; paying notifies PAID', async () => {
    const o = order(1990);
    const qr = await h.gateway.createQr!(o, 'wechat');
    expect(qr.qrContent).toBe(`${h.sandboxUrl}/qr/${qr.providerOrderId}`);

    const page = await (await fetch(qr.qrContent)).text();
    expect(page).toContain('¥19.90');
    expect(page).toContain('<h1 class="channel">微信支付</h1>');
    expect(page).toContain('<span id="status" data-status="WAIT_PAY">待支付</span>');
    expect(page).toMatch(/<button id="pay" type="submit">立即支付<\/button>/);
    expect(page).toMatch(/<button id="pay"/);
    expect(page).toMatch(/<button id="cancel"/);

    const paid = await fetch(`${qr.qrContent}/pay`, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(303);
    const [notification] = await h.receivedFor(o.orderNo, 1);
    expect(notification?.parsed).toEqual({
      kind: 'verified',
      state: expect.objectContaining({ orderNo: o.orderNo, status: 'PAID', amount: 1990, providerOrderId: qr.providerOrderId }),
    });
    expect(await (await fetch(qr.qrContent)).text()).toContain('<span id="status" data-status="PAY_SUC">支付成功</span>');
    expect((await h.gateway.query(o.orderNo)).status).toBe('PAID');

    // A second tap pays (and notifies) nothing more.
    await fetch(`${qr.qrContent}/pay`, { method: 'POST', redirect: 'manual' });
    await h.sandbox.notifier.idle();
    expect(h.sandbox.notifier.deliveries.filter((d) => d.body.includes(o.orderNo))).toHaveLength(1);
  });

  it('Alipay uses channel 1; 取消 on the page leaves the order CLOSED', async () => {
    const o = order(2500);
    const qr = await h.gateway.createQr!(o, 'alipay');
    expect(h.sandbox.orders.byLocal(o.orderNo)?.channel).toBe('ALIPAY');
    expect(await (await fetch(qr.qrContent)).text()).toContain('<h1 class="channel">支付宝</h1>');
    await fetch(`${qr.qrContent}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'CLOSED', rawStatus: '-1' });
  });

  it('an unknown QR page is a 404', async () => {
    expect((await fetch(`${h.sandboxUrl}/qr/CB-nope`)).status).toBe(404);
  });
});

describe('open.pay.reverse (close)', () => {
  it('closes an unpaid order; the cashier then refuses to pay it; closing again is fine', async () => {
    const o = order();
    const payment = await h.gateway.createJsapi(o, payer);
    await h.gateway.close(o.orderNo);
    expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'CLOSED', rawStatus: '8' });
    expect(await h.cashier.pay(payment.params)).toEqual({ errMsg: 'requestPayment:fail order closed' });
    await expect(h.gateway.close(o.orderNo)).resolves.toBeUndefined();
  });

  it('refuses to close a paid order', async () => {
    const o = order();
    await h.cashier.pay((await h.gateway.createJsapi(o, payer)).params);
    expect(await errorOf(h.gateway.close(o.orderNo))).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', providerCode: '60' });
  });
});

describe('open.pay.refund', () => {
  async function paidOrder(amount = 2990): Promise<PaymentOrder> {
    const o = order(amount);
    await h.cashier.pay((await h.gateway.createJsapi(o, payer)).params);
    return o;
  }

  it('a full refund succeeds once; retrying the same refund does not refund twice', async () => {
    const o = await paidOrder();
    const request = { orderNo: o.orderNo, refundNo: `R${o.orderNo}`, orderAmount: o.amount, refundAmount: o.amount };
    expect(await h.gateway.refund(request)).toMatchObject({ status: 'SUCCEEDED', refundAmount: 2990, rawStatus: '5' });
    expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'REFUNDED', refundedAmount: 2990 });
    expect(await h.gateway.refund(request)).toMatchObject({ status: 'SUCCEEDED', refundAmount: 2990 });
    expect(h.sandbox.orders.byLocal(o.orderNo)?.refundAmount).toBe(2990);
  });

  it('a partial refund leaves the order partly refunded; a different second refund is a CONFLICT', async () => {
    const o = await paidOrder();
    const partial = { orderNo: o.orderNo, refundNo: 'R1', orderAmount: o.amount, refundAmount: toFen(1000) };
    expect(await h.gateway.refund(partial)).toMatchObject({ status: 'SUCCEEDED', refundAmount: 1000, rawStatus: '5' });
    expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 1000 });
    const second = { ...partial, refundNo: 'R2', refundAmount: toFen(500) };
    expect(await errorOf(h.gateway.refund(second))).toMatchObject({ code: 'CONFLICT', outcome: 'rejected' });
    expect(h.sandbox.orders.byLocal(o.orderNo)?.refundAmount).toBe(1000);
  });

  it('refunding an unpaid order is refused by Caibao', async () => {
    const o = order();
    await h.gateway.createJsapi(o, payer);
    const request = { orderNo: o.orderNo, refundNo: 'R1', orderAmount: o.amount, refundAmount: o.amount };
    expect(await errorOf(h.gateway.refund(request))).toMatchObject({ code: 'PROVIDER_REJECTED', providerCode: '60' });
  });

  it('a refund larger than the order never leaves our side', async () => {
    const err = await h.gateway.refund({ orderNo: 'X1', refundNo: 'R1', orderAmount: toFen(100), refundAmount: toFen(101) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('open.pay.query', () => {
  it('an order Caibao does not know is a rejection (not a status)', async () => {
    expect(await errorOf(h.gateway.query('NO-SUCH-ORDER'))).toMatchObject({ code: 'PROVIDER_REJECTED', providerCode: '50' });
  });
});
