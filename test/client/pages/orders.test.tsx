import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import OrdersPage from '../../../client/pages/orders/index';
import { taroDouble } from '../doubles/taro';
import type { FakeShop } from '../support/fake-shop';
import { callsOf, expectOnlyShopperText, freshShop } from '../support/pages';

jest.mock('../../../client/config', () => ({ PAID_TEMPLATE_ID: 'TPL-PAID' }));

// 我的订单 against an in-memory shop: tabs by state, 去支付 / 取消订单 on unpaid orders, pull down to refresh.
describe('我的订单', () => {
  let shop: FakeShop;
  beforeEach(async () => {
    shop = freshShop();
    for (const [i, skuId] of ['green-tea', 'teapot', 'green-tea'].entries()) {
      await shop.cloud.callFunction('pay', { action: 'create', items: [{ skuId, quantity: i + 1 }], requestId: `req-0000000${i}` });
    }
    shop.orders.get('ORDER0001')!.status = 'PAID';
    shop.calls.length = 0;
  });

  const card = (orderNo: string) => {
    const lines = { ORDER0001: 'Green tea ×1', ORDER0002: 'Clay teapot ×2', ORDER0003: 'Green tea ×3' }[orderNo]!;
    return screen.getByText(lines).closest('.order-card') as HTMLElement;
  };

  it('lists every order newest first with its status in Chinese', async () => {
    render(<OrdersPage />);
    await screen.findByText('Green tea ×3');
    expect(within(card('ORDER0001')).getByText('已支付')).toBeTruthy();
    expect(within(card('ORDER0003')).getByText('待付款')).toBeTruthy();
    expect(within(card('ORDER0001')).queryByText('去支付')).toBeNull();
    expect(screen.getByText('没有更多了')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/of \d/);
  });

  it('an order under refund reads 退款中 with the amount being refunded', async () => {
    Object.assign(shop.orders.get('ORDER0001')!, { status: 'REFUNDING', refundingAmount: 1000 });
    render(<OrdersPage />);
    await screen.findByText('Green tea ×3');
    expect(within(card('ORDER0001')).getByText('退款中 ¥10.00')).toBeTruthy();
    expect(within(card('ORDER0003')).queryByText(/^退款中/)).toBeNull();
  });

  it('a tab asks the server for its orders only and shows them; an empty tab says so', async () => {
    render(<OrdersPage />);
    await screen.findByText('Green tea ×3');
    fireEvent.click(screen.getByText('已支付', { selector: '.tabs__label' }));
    await screen.findByText('Green tea ×1');
    expect(screen.queryByText('Green tea ×3')).toBeNull();
    expect(callsOf(shop, 'orders', 'list').at(-1)!.data).toMatchObject({ tab: 'paid', offset: 0 });
    fireEvent.click(screen.getByText('退款/售后'));
    await screen.findByText('这里还没有订单');
  });

  it('says 暂无订单 with 去逛逛 when there are none', async () => {
    shop.orders.clear();
    render(<OrdersPage />);
    await screen.findByText('暂无订单');
    fireEvent.click(screen.getByText('去逛逛'));
    expect(taroDouble.navigations).toEqual(['tab /pages/index/index']);
  });

  it('去支付 pays that same order (the pay action) and opens 支付结果', async () => {
    render(<OrdersPage />);
    await screen.findByText('Green tea ×3');
    fireEvent.click(within(card('ORDER0003')).getByText('去支付'));
    expect(taroDouble.subscriptions).toEqual([['TPL-PAID']]); // in-app: asked inside the tap, as 微信支付 does
    await waitFor(() => expect(taroDouble.navigations).toEqual(['redirect /pages/result/index?orderNo=ORDER0003']));
    expect(callsOf(shop, 'pay', 'pay')).toEqual([{ name: 'pay', data: { action: 'pay', orderNo: 'ORDER0003' } }]);
    expect(shop.sheet.opened.map((p) => p.package)).toEqual(['prepay_id=wx3']);
  });

  it('取消订单 asks first; kept, nothing happens; confirmed, the order reads 已取消', async () => {
    render(<OrdersPage />);
    await screen.findByText('Green tea ×3');
    taroDouble.answerModal(false);
    fireEvent.click(within(card('ORDER0002')).getByText('取消订单'));
    await waitFor(() => expect(taroDouble.modals).toEqual([{ title: '取消订单', content: '确定要取消这笔订单吗？取消后不可恢复。' }]));
    expect(callsOf(shop, 'orders', 'cancel')).toEqual([]);
    taroDouble.answerModal(true);
    fireEvent.click(within(card('ORDER0002')).getByText('取消订单'));
    await waitFor(() => expect(within(card('ORDER0002')).getByText('已取消')).toBeTruthy());
    expect(taroDouble.toasts).toContain('订单已取消');
  });

  it('a refused cancel (already paid elsewhere) reads in Chinese, not the server’s words', async () => {
    render(<OrdersPage />);
    await screen.findByText('Green tea ×3');
    shop.failNext('orders', 'cancel', { code: 'ORDER_PAID', message: 'order ORDER0003 is paid and cannot be cancelled' });
    fireEvent.click(within(card('ORDER0003')).getByText('取消订单'));
    await screen.findByText('这笔订单已经支付成功，无需再次支付。');
    expectOnlyShopperText(document.body.textContent ?? '');
    expect(document.body.textContent).not.toContain('cannot be cancelled');
  });

  it('a list that fails to load says so in Chinese with 重新加载, which asks again', async () => {
    shop.failNext('orders', 'list', { code: 'INTERNAL', message: 'internal error' });
    render(<OrdersPage />);
    await screen.findByText('系统繁忙，请稍后重试。');
    expectOnlyShopperText(document.body.textContent ?? '');
    fireEvent.click(screen.getByText('重新加载'));
    await screen.findByText('Green tea ×3');
    expect(screen.queryByText('系统繁忙，请稍后重试。')).toBeNull();
    expect(screen.queryByText('重新加载')).toBeNull();
  });

  it('去支付 on an order made to be paid by QR code (in a browser) opens 确认订单 showing its code, asking no subscription (as 扫码支付)', async () => {
    await shop.cloud.callFunction('pay', { action: 'createQr', items: [{ skuId: 'teapot', quantity: 1 }], requestId: 'req-qr', channel: 'wechat' });
    render(<OrdersPage />);
    const qrCard = (await screen.findByText('Clay teapot ×1')).closest('.order-card') as HTMLElement;
    fireEvent.click(within(qrCard).getByText('去支付'));
    await waitFor(() => expect(taroDouble.navigations).toEqual(['/pages/confirm/index?orderNo=ORDER0004&pay=qr']));
    expect(shop.sheet.opened).toEqual([]);
    expect(taroDouble.subscriptions).toEqual([]);
  });

  it('pulling down asks the server again', async () => {
    render(<OrdersPage />);
    await screen.findByText('Green tea ×3');
    shop.orders.get('ORDER0003')!.status = 'PAID';
    act(() => taroDouble.pullDown());
    await waitFor(() => expect(within(card('ORDER0003')).getByText('已支付')).toBeTruthy());
  });

  it('an unpaid order turns 已过期 when its time is up, without 去支付', async () => {
    shop.orders.get('ORDER0003')!.expiresAt = Date.now() + 1200;
    render(<OrdersPage />);
    await screen.findByText('Green tea ×3');
    expect(within(card('ORDER0003')).getByText('去支付')).toBeTruthy();
    await waitFor(() => expect(within(card('ORDER0003')).getByText('已过期')).toBeTruthy(), { timeout: 3000 });
    expect(within(card('ORDER0003')).queryByText('去支付')).toBeNull();
  });
});
