/**
 * The merchant function on the local cloud against the QuickPay sandbox: who may call it, order
 * search, an order's history, refunds (the same code as `refund`), the day's summary and a
 * reconciliation run that finds mismatches we inject.
 */
import { dayOf } from '../../server/merchant/days';
import { ADMIN_OPENID, newRequestId, startHarness, type Envelope, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('quickpay');
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  const sandbox = h.sandboxes.providers.quickpay;
  sandbox?.faults.clear();
  sandbox?.notifier.clearFaults();
  await sandbox?.notifier.idle();
});

const ok = (answer: Envelope) => {
  if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
  return answer.data;
};
const admin = (data: Record<string, unknown>) => h.call('merchant', data, ADMIN_OPENID);
const today = () => dayOf(Date.now());
const sandbox = () => {
  const quickpay = h.sandboxes.providers.quickpay;
  if (!quickpay) throw new Error('no sandbox');
  return quickpay;
};

async function paidOrder(skuId = 'green-tea', quantity = 1, openid = 'o_shopper_1'): Promise<{ orderNo: string; amount: number }> {
  const created = ok(await h.call('pay', { action: 'create', items: [{ skuId, quantity }], requestId: newRequestId() }, openid));
  await h.sandboxes.cashier.pay(created.payment);
  await sandbox().notifier.idle();
  expect((await h.order(created.orderNo)).status).toBe('PAID');
  return { orderNo: created.orderNo, amount: created.amount };
}

describe('who may call it', () => {
  it('answers the administrators in ADMIN_OPENIDS', async () => {
    expect(ok(await admin({ action: 'whoami' }))).toEqual({ admin: true });
  });

  it('refuses a shopper, a call without identity, and trusted server code alike, whatever they ask', async () => {
    const { orderNo } = await paidOrder();
    for (const data of [{ action: 'whoami' }, { action: 'search' }, { action: 'history', orderNo }, { action: 'refund', orderNo, refundNo: 'Rx1', reason: 'x' }]) {
      for (const answer of [await h.call('merchant', data, 'o_shopper_1'), await h.call('merchant', data, null), await h.callTrusted('merchant', data)]) {
        expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'PERMISSION_DENIED' }) });
      }
    }
    expect((await h.order(orderNo)).status).toBe('PAID');
    // How a merchant learns the openid to put in ADMIN_OPENIDS: the refusal is logged with it.
    expect(h.logs.some((line) => line.includes('merchant console refused') && line.includes('o_shopper_1'))).toBe(true);
  });

  it('refuses bad input with INVALID_ARGUMENT naming the field', async () => {
    expect((await admin({ action: 'summary', day: '2026-02-30' })).error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('day') });
    expect((await admin({ action: 'refund', orderNo: 'A1', refundNo: 'R1', reason: '  ' })).error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('reason') });
    expect((await admin({ action: 'drop-tables' })).error?.code).toBe('INVALID_ARGUMENT');
  });
});

describe('search and history', () => {
  it('finds orders of every shopper by number, by status and by date, newest first', async () => {
    const a = await paidOrder('oolong', 1, 'o_shopper_a');
    const b = await paidOrder('teapot', 1, 'o_shopper_b');
    const unpaid = ok(await h.call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: newRequestId() }, 'o_shopper_c'));

    const byNo = ok(await admin({ action: 'search', orderNo: a.orderNo }));
    expect(byNo.orders).toHaveLength(1);
    expect(byNo.orders[0]).toMatchObject({ orderNo: a.orderNo, status: 'PAID', amount: a.amount, buyer: '…pper_a' });

    const paidToday = ok(await admin({ action: 'search', status: 'PAID', from: today(), to: today(), limit: 50 }));
    const numbers = paidToday.orders.map((o: { orderNo: string }) => o.orderNo);
    expect(numbers).toEqual(expect.arrayContaining([a.orderNo, b.orderNo]));
    expect(numbers).not.toContain(unpaid.orderNo);
    expect(numbers.indexOf(b.orderNo)).toBeLessThan(numbers.indexOf(a.orderNo));

    const tomorrow = dayOf(Date.now() + 86_400_000);
    expect(ok(await admin({ action: 'search', from: tomorrow })).total).toBe(0);
  });

  it("shows an order's every provider call and notification, and never pay params", async () => {
    const { orderNo } = await paidOrder();
    const { order, events } = ok(await admin({ action: 'history', orderNo }));
    expect(order).toMatchObject({ orderNo, status: 'PAID' });
    expect(order).not.toHaveProperty('payment');
    expect(order).not.toHaveProperty('openid');
    expect(events.map((e: { kind: string; outcome: string }) => `${e.kind}:${e.outcome}`)).toEqual(expect.arrayContaining(['create:ok', 'notification:applied']));
    expect(JSON.stringify(events)).not.toMatch(/paySign|prepay_id/);
    expect((await admin({ action: 'history', orderNo: 'NOPE123' })).error?.code).toBe('NOT_FOUND');
  });
});

describe('refunds', () => {
  it('refunds part, then the rest, with a reason; the same refund number again is the same refund', async () => {
    const { orderNo, amount } = await paidOrder('green-tea', 2);
    const part = ok(await admin({ action: 'refund', orderNo, refundNo: `P${orderNo.slice(-10)}`, amount: 500, reason: '少发一件' }));
    expect(part).toMatchObject({ orderNo, amount: 500, status: 'SUCCEEDED', orderStatus: 'PARTIALLY_REFUNDED', refundedAmount: 500 });
    expect(ok(await admin({ action: 'refund', orderNo, refundNo: `P${orderNo.slice(-10)}`, amount: 500, reason: '少发一件' }))).toEqual(part);

    const rest = ok(await admin({ action: 'refund', orderNo, refundNo: `F${orderNo.slice(-10)}`, reason: '顾客退货' }));
    expect(rest).toMatchObject({ amount: amount - 500, orderStatus: 'REFUNDED', refundedAmount: amount });
    const { order, events } = ok(await admin({ action: 'history', orderNo }));
    expect(order.refunds.map((r: { reason: string }) => r.reason)).toEqual(['少发一件', '顾客退货']);
    expect(events.filter((e: { kind: string }) => e.kind === 'refund')).toHaveLength(2);
    expect((await admin({ action: 'refund', orderNo, refundNo: `X${orderNo.slice(-10)}`, amount: 1, reason: '再退' })).error).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('daily summary', () => {
  const FIGURES = ['orders', 'paidOrders', 'paid', 'refunds', 'refunded'] as const;
  type Figure = (typeof FIGURES)[number];

  it("adds up a day's orders, payments and refunds in fen, and net", async () => {
    // Each figure counts on the day of its own time: paidAt is the provider's (the sandbox clock runs
    // ahead of real time here), so near midnight in Beijing a payment may fall on the next day.
    const days = [today(), dayOf(Date.now() + 86_400_000)];
    const summary = async (day: string) => ok(await admin({ action: 'summary', day }));
    const before = new Map(await Promise.all(days.map(async (day) => [day, await summary(day)] as const)));
    const { orderNo, amount } = await paidOrder('teapot', 1);
    const unpaid = ok(await h.call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: newRequestId() }));
    ok(await admin({ action: 'refund', orderNo, refundNo: `S${orderNo.slice(-10)}`, amount: 1000, reason: '破损' }));
    const paid = await h.order(orderNo);
    const made = await h.order(unpaid.orderNo);
    const dayAt = (time: number | undefined) => {
      expect(time).toEqual(expect.any(Number));
      return dayOf(time as number);
    };
    // What each day should have gained: figure → day → amount.
    const expected: Record<Figure, Map<string, number>> = { orders: new Map(), paidOrders: new Map(), paid: new Map(), refunds: new Map(), refunded: new Map() };
    const add = (figure: Figure, day: string, value: number) => expected[figure].set(day, (expected[figure].get(day) ?? 0) + value);
    add('orders', dayAt(paid.createdAt), 1);
    add('orders', dayAt(made.createdAt), 1);
    add('paidOrders', dayAt(paid.paidAt), 1);
    add('paid', dayAt(paid.paidAt), amount);
    add('refunds', dayAt(paid.refunds[0]?.settledAt), 1);
    add('refunded', dayAt(paid.refunds[0]?.settledAt), 1000);
    const after = new Map(await Promise.all(days.map(async (day) => [day, await summary(day)] as const)));
    for (const figure of FIGURES) {
      for (const day of expected[figure].keys()) expect(days).toContain(day);
      for (const day of days) expect({ figure, day, added: after.get(day)[figure] - before.get(day)[figure] }).toEqual({ figure, day, added: expected[figure].get(day) ?? 0 });
    }
    for (const day of days) {
      expect(after.get(day).net).toBe(after.get(day).paid - after.get(day).refunded - after.get(day).refundedAtProvider);
      expect(after.get(day).truncated).toBe(false);
    }
    const yesterday = ok(await admin({ action: 'summary', day: dayOf(Date.now() - 86_400_000) }));
    expect(yesterday).toMatchObject({ orders: 0, paid: 0, refunded: 0, net: 0 });
  });
});

describe('reconciliation of a day', () => {
  it('lists each injected mismatch with what to do, and agrees on the rest', async () => {
    const orders = h.cloud.database().collection('orders');
    const agreed = await paidOrder('oolong');

    // 1. Paid at the provider, the notification lost: still PAYING here.
    sandbox().notifier.setFault({ kind: 'drop' }, { times: 1 });
    const lost = ok(await h.call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 2 }], requestId: newRequestId() }));
    await h.sandboxes.cashier.pay(lost.payment);
    await sandbox().notifier.idle();
    expect((await h.order(lost.orderNo)).status).toBe('PAYING');

    // 2. PAID here, never paid at the provider (a record edited by hand).
    const phantom = ok(await h.call('pay', { action: 'create', items: [{ skuId: 'oolong', quantity: 3 }], requestId: newRequestId() }));
    await orders.where({ orderNo: phantom.orderNo }).update({ data: { status: 'PAID', paidAt: Date.now() } });

    // 3. Paid at both, amounts differ.
    const skewed = await paidOrder('green-tea');
    await orders.where({ orderNo: skewed.orderNo }).update({ data: { amount: skewed.amount + 100 } });

    const run = ok(await admin({ action: 'reconcile', day: today() }));
    const finding = (orderNo: string) => run.findings.find((f: { orderNo: string }) => f.orderNo === orderNo);
    expect(finding(agreed.orderNo)).toMatchObject({ status: 'PAID', provider: { status: 'PAID' } });
    expect(finding(agreed.orderNo).mismatch).toBeUndefined();
    expect(finding(lost.orderNo)).toMatchObject({ status: 'PAYING', provider: { status: 'PAID' }, mismatch: 'paid_not_recorded', advice: expect.stringContaining('按服务商结果更新') });
    expect(finding(phantom.orderNo)).toMatchObject({ status: 'PAID', mismatch: 'recorded_not_paid', advice: expect.stringContaining('暂停发货') });
    expect(finding(skewed.orderNo)).toMatchObject({ mismatch: 'amount_mismatch' });
    expect(run.mismatches).toBe(run.findings.filter((f: { mismatch?: string }) => f.mismatch).length);
    expect(run.mismatches).toBeGreaterThanOrEqual(3);

    // What to do for the first: apply the provider's answer, through the same settlement as a notification.
    const synced = ok(await admin({ action: 'sync', orderNo: lost.orderNo }));
    expect(synced).toMatchObject({ outcome: 'applied', order: { status: 'PAID' } });
    const again = ok(await admin({ action: 'reconcile', day: today() }));
    expect(again.findings.find((f: { orderNo: string }) => f.orderNo === lost.orderNo).mismatch).toBeUndefined();
  });

  it('says when the provider cannot be asked', async () => {
    const created = ok(await h.call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: newRequestId() }));
    sandbox().faults.set('/QuickPay/Query', { kind: 'http5xx', status: 503 });
    const run = ok(await admin({ action: 'reconcile', day: today() }));
    expect(run.findings.find((f: { orderNo: string }) => f.orderNo === created.orderNo)).toMatchObject({
      provider: { status: 'QUERY_FAILED' },
      mismatch: 'query_failed',
      advice: expect.stringContaining('稍后'),
    });
  });
});
