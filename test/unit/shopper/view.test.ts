import { refundingAmount, shopperView } from '../../../server/shopper/view';
import type { Order, RefundEntry } from '../../../server/orders/model';
import { toFen } from '../../../server/platform/money';

const entry = (refundNo: string, amount: number, status: RefundEntry['status']): RefundEntry => ({ refundNo, amount: toFen(amount), status, requestedAt: 1, callingUntil: 0 });

const order = (refunds: RefundEntry[], refundedAmount: number): Order => ({
    _id: 'o1',
    orderNo: 'SZ1',
    previousOrderNos: [],
    openid: 'o_shopper',
    appId: 'wx1',
    requestId: 'r1',
    provider: 'quickpay',
    lines: [{ skuId: 'tea', name: '安溪铁观音', unitPrice: toFen(2350), quantity: 2 }],
    amount: toFen(4700),
    description: '小店 - 安溪铁观音×2',
    status: 'REFUNDING',
    attemptId: null,
    payment: null,
    createdAt: 1,
    updatedAt: 1,
    expiresAt: 2,
    paidAt: 1,
    refundedAmount: toFen(refundedAmount),
    refunds,
    doublePayments: [{ orderNo: 'SZ0', amount: toFen(4700), provenAt: 1, refund: entry('DP1', 4700, 'PENDING') }],
});

describe('the shopper’s view of how an order is paid', () => {
  it('says qr for an order made to be paid by QR code, jsapi otherwise (older orders have no method: jsapi)', () => {
    expect(shopperView({ ...order([], 0), method: { kind: 'qr', channel: 'wechat' } }, 10).method).toBe('qr');
    expect(shopperView({ ...order([], 0), method: { kind: 'jsapi' } }, 10).method).toBe('jsapi');
    expect(shopperView(order([], 0), 10).method).toBe('jsapi');
  });
});

describe('the shopper’s view of an order under refund', () => {
  it('shows the refund under way (退款中) beside what was already refunded, in fen', () => {
    const view = shopperView(order([entry('R1', 1000, 'SUCCEEDED'), entry('R2', 500, 'FAILED'), entry('R3', 1500, 'PENDING')], 1000), 10);
    expect(view).toMatchObject({ status: 'REFUNDING', refundedAmount: 1000, refundingAmount: 1500 });
  });

  it('is 0 when no refund is under way; a double payment’s refund is not this order’s', () => {
    expect(refundingAmount(order([entry('R1', 1000, 'SUCCEEDED')], 1000))).toBe(0);
    expect(refundingAmount(order([], 0))).toBe(0);
  });
});
