import { act, fireEvent, render, screen } from '@testing-library/react';
import ResultPage from '../../../client/pages/result/index';
import { attemptFor, recordOrderNo } from '../../../client/services/attempt';
import { getCart } from '../../../client/services/cart-store';
import { CONFIRM_SCHEDULE_MS } from '../../../client/services/checkout';
import { taroDouble } from '../doubles/taro';
import type { FakeShop } from '../support/fake-shop';
import { cartOf, expectOnlyShopperText, freshShop } from '../support/pages';

const advance = (ms: number) => act(() => jest.advanceTimersByTimeAsync(ms));

// 支付结果: the server's word on the order, asked until final; a reload here asks again.
describe('支付结果', () => {
  let shop: FakeShop;
  let orderNo: string;
  beforeEach(async () => {
    shop = freshShop();
    cartOf({ 'green-tea': 3 });
    const attempt = attemptFor([{ skuId: 'green-tea', quantity: 2 }], 'jsapi');
    await shop.cloud.callFunction('pay', { action: 'create', items: attempt.items, requestId: attempt.requestId });
    orderNo = 'ORDER0001';
    recordOrderNo(attempt.requestId, orderNo);
    taroDouble.setRouterParams({ orderNo });
  });

  it('shows 支付成功 with the amount once the server says PAID, and the paid items leave the cart', async () => {
    shop.orders.get(orderNo)!.status = 'PAID';
    render(<ResultPage />);
    await screen.findByText('支付成功');
    expect(screen.getByText('¥24.00')).toBeTruthy();
    expect(getCart().map((l) => [l.skuId, l.quantity])).toEqual([['green-tea', 1]]);
    fireEvent.click(screen.getByText('查看订单'));
    fireEvent.click(screen.getByText('返回首页'));
    expect(taroDouble.navigations).toEqual([`/pages/order/index?orderNo=${orderNo}`, 'tab /pages/index/index']);
  });

  it('says 正在确认 meanwhile, then 确认中 with 刷新支付结果 when the server has no word yet (no double payment offered)', async () => {
    jest.useFakeTimers();
    try {
      render(<ResultPage />);
      expect(screen.getByText('正在确认支付结果…')).toBeTruthy();
      for (const gap of CONFIRM_SCHEDULE_MS) await advance(gap);
      await advance(10);
      expect(screen.getByText('支付结果确认中')).toBeTruthy();
      // The words name the button as it reads.
      expect(screen.getByText('暂未收到支付结果。如已付款请稍后点击“刷新支付结果”，请勿重复支付。')).toBeTruthy();
      expect(screen.getByText('刷新支付结果', { selector: '.result__check, .result__check *' })).toBeTruthy();
      expect(screen.queryByText('微信支付')).toBeNull();
      shop.orders.get(orderNo)!.status = 'PAID';
      fireEvent.click(screen.getByText('刷新支付结果'));
      await advance(CONFIRM_SCHEDULE_MS[0]! + 1000);
      expect(screen.getByText('支付成功')).toBeTruthy();
    } finally {
      jest.useRealTimers();
    }
  });

  it.each([
    ['CLOSED', '订单已取消'],
    ['FAILED', '订单未支付'],
  ] as const)('a %s order reads %s', async (status, title) => {
    shop.orders.get(orderNo)!.status = status;
    render(<ResultPage />);
    await screen.findByText(title);
    expect(getCart().map((l) => l.quantity)).toEqual([3]);
  });

  it('an expired order reads 订单已过期', async () => {
    jest.useFakeTimers();
    try {
      shop.orders.get(orderNo)!.expiresAt = Date.now() - 1;
      render(<ResultPage />);
      for (const gap of CONFIRM_SCHEDULE_MS) await advance(gap);
      await advance(10);
      expect(screen.getByText('订单已过期')).toBeTruthy();
      expect(screen.getByText('支付时间已过，订单已自动关闭。')).toBeTruthy();
    } finally {
      jest.useRealTimers();
    }
  });

  // 支付结果 follows a sheet that said ok: a check that fails for good is not proof the order is unpaid.
  it.each([
    ['the server does not know the order (NOT_FOUND)', () => taroDouble.setRouterParams({ orderNo: 'NOPE123' })],
    [
      'the answer has an unexpected shape',
      () => {
        const real = shop.cloud.callFunction;
        shop.cloud.callFunction = async (name, data) => ((data as { action?: string }).action === 'status' ? { ok: true, data: { orderNo } } : real(name, data));
      },
    ],
  ])('when %s it says the result cannot be confirmed yet, never 订单未支付, with 刷新支付结果 and 我的订单', async (_case, arrange) => {
    arrange();
    render(<ResultPage />);
    await screen.findByText('暂时无法确认支付结果', undefined, { timeout: 3000 });
    expect(screen.queryByText('订单未支付')).toBeNull();
    expect(screen.getByText('如已完成付款，请勿重复支付。可稍后点击“刷新支付结果”，或到“我的订单”查看订单状态。')).toBeTruthy();
    expectOnlyShopperText(document.body.textContent ?? '');
    fireEvent.click(screen.getByText('查看我的订单'));
    expect(taroDouble.navigations).toEqual(['tab /pages/orders/index']);
    expect(screen.getByText('刷新支付结果', { selector: '.result__check, .result__check *' })).toBeTruthy();
  });

  it('刷新支付结果 after a failed check asks again and shows the server’s word', async () => {
    shop.failNext('pay', 'status', { code: 'NOT_FOUND', message: 'orderNo: no order' });
    render(<ResultPage />);
    await screen.findByText('暂时无法确认支付结果', undefined, { timeout: 3000 });
    shop.orders.get(orderNo)!.status = 'PAID';
    fireEvent.click(screen.getByText('刷新支付结果'));
    await screen.findByText('支付成功', undefined, { timeout: 3000 });
  });
});
