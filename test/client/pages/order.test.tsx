import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import OrderPage from '../../../client/pages/order/index';
import { taroDouble } from '../doubles/taro';
import type { FakeShop } from '../support/fake-shop';
import { callsOf, expectOnlyShopperText, freshShop } from '../support/pages';

// 订单详情 against an in-memory shop: status with a live countdown, the lines, the number with 复制, and the actions.
describe('订单详情', () => {
  let shop: FakeShop;
  beforeEach(async () => {
    shop = freshShop();
    await shop.cloud.callFunction('pay', { action: 'create', items: [{ skuId: 'green-tea', quantity: 2 }], requestId: 'req-00000001' });
    shop.calls.length = 0;
    taroDouble.setRouterParams({ orderNo: 'ORDER0001' });
  });

  it('shows 待付款 with the time left, the lines and amount, and the number small with 复制', async () => {
    render(<OrderPage />);
    await screen.findByText('待付款');
    expect(screen.getByText(/^剩余支付时间 (29|30) 分 \d\d 秒$/)).toBeTruthy();
    expect(screen.getByText('¥24.00', { selector: '.order__amount' })).toBeTruthy();
    expect(screen.getByText('ORDER0001', { selector: '.order-no__value' })).toBeTruthy();
    fireEvent.click(screen.getByText('复制'));
    await waitFor(() => expect(taroDouble.toasts).toEqual(['已复制']));
    expect(taroDouble.clipboard).toEqual(['ORDER0001']);
  });

  it('reads 已过期 the second the time is up, then asks the server, and offers no payment', async () => {
    shop.orders.get('ORDER0001')!.expiresAt = Date.now() + 1200;
    render(<OrderPage />);
    await screen.findByText('去支付');
    await screen.findByText('已过期', undefined, { timeout: 3000 });
    await waitFor(() => expect(callsOf(shop, 'pay', 'status')).toHaveLength(1));
    expect(screen.queryByText('去支付')).toBeNull();
    expect(screen.queryByText('取消订单')).toBeNull();
  });

  it('an order that fails to load says so in Chinese with 重新加载, which asks again', async () => {
    shop.failNext('orders', 'get', { code: 'INTERNAL', message: 'internal error' });
    render(<OrderPage />);
    await screen.findByText('系统繁忙，请稍后重试。');
    expectOnlyShopperText(document.body.textContent ?? '');
    fireEvent.click(screen.getByText('重新加载'));
    await screen.findByText('待付款');
    expect(screen.queryByText('系统繁忙，请稍后重试。')).toBeNull();
    expect(screen.queryByText('重新加载')).toBeNull();
  });

  it('去支付 pays this order through the pay action and opens 支付结果', async () => {
    render(<OrderPage />);
    fireEvent.click(await screen.findByText('去支付'));
    await waitFor(() => expect(taroDouble.navigations).toEqual(['redirect /pages/result/index?orderNo=ORDER0001']));
    expect(callsOf(shop, 'pay', 'pay')).toHaveLength(1);
  });

  it('a cancelled sheet leaves it payable, with a short word', async () => {
    shop.sheet.outcome = 'cancel';
    render(<OrderPage />);
    fireEvent.click(await screen.findByText('去支付'));
    await waitFor(() => expect(taroDouble.toasts).toEqual(['已取消支付']));
    expect(screen.getByText('去支付')).toBeTruthy();
  });

  it('去支付 on an order that expired on the server says so in Chinese', async () => {
    render(<OrderPage />);
    await screen.findByText('去支付');
    shop.failNext('pay', 'pay', { code: 'ORDER_EXPIRED', message: 'order ORDER0001 expired' });
    fireEvent.click(screen.getByText('去支付'));
    await screen.findByText('这笔订单已过期，请重新下单。');
  });

  it('取消订单 behind the dialog: the order reads 已取消 and offers nothing more', async () => {
    render(<OrderPage />);
    fireEvent.click(await screen.findByText('取消订单'));
    await screen.findByText('已取消');
    expect(screen.queryByText('去支付')).toBeNull();
  });

  it('退款中 shows the amount being refunded (refundedAmount moves only once it succeeds) beside what was refunded before', async () => {
    Object.assign(shop.orders.get('ORDER0001')!, { status: 'REFUNDING', paidAt: Date.now(), refundedAmount: 400, refundingAmount: 1000 });
    render(<OrderPage />);
    await screen.findByText('¥10.00', { selector: '.order__refunding' });
    expect(screen.getAllByText('退款中').map((node) => node.className)).toEqual(['status-head__title', 'cell__label']);
    expect(screen.getByText('¥4.00', { selector: '.order__refunded' })).toBeTruthy();
    expect(screen.queryByText('去支付')).toBeNull();
  });

  it('no refund under way (or a server that does not say): no 退款中 amount', async () => {
    Object.assign(shop.orders.get('ORDER0001')!, { status: 'PARTIALLY_REFUNDED', paidAt: Date.now(), refundedAmount: 400 });
    render(<OrderPage />);
    await screen.findByText('部分退款');
    expect(document.querySelector('.order__refunding')).toBeNull();
  });

  it('a paid order reads 已支付 with its pay time; an unknown number reads as such, without the server’s text', async () => {
    shop.orders.get('ORDER0001')!.status = 'PAID';
    shop.orders.get('ORDER0001')!.paidAt = Date.now();
    const view = render(<OrderPage />);
    await screen.findByText('已支付');
    expect(screen.getByText('支付时间')).toBeTruthy();
    expect(screen.queryByText('去支付')).toBeNull();
    view.unmount();

    taroDouble.setRouterParams({ orderNo: 'NOPE123' });
    render(<OrderPage />);
    await screen.findByText('没有找到这笔订单，请到“我的订单”查看。');
    expectOnlyShopperText(document.body.textContent ?? '');
  });
});
