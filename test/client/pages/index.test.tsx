import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Index from '../../../client/pages/index/index';
import { CART_STORAGE_KEY } from '../../../client/services/cart';
import { taroDouble } from '../doubles/taro';
import type { FakeShop } from '../support/fake-shop';
import { callsOf, cartOf, expectOnlyShopperText, freshShop } from '../support/pages';

// 首页 against an in-memory shop: products with steppers, the bar with 去结算, and the way back to an unpaid order.
describe('首页', () => {
  let shop: FakeShop;
  beforeEach(() => {
    shop = freshShop();
  });

  const product = (name: string) => screen.getByText(name).closest('.product') as HTMLElement;
  const plus = (name: string) => within(product(name)).getByText('+').closest('.stepper__more') as HTMLElement;
  const minus = (name: string) => within(product(name)).getByText('−').closest('.stepper__less') as HTMLElement;
  const checkout = () => screen.getByText(/^去结算/).closest('.btn') as HTMLElement;

  async function open() {
    const view = render(<Index />);
    await screen.findByText('Clay teapot');
    return view;
  }

  it('lists the products with prices from fen, a sold-out one, and an empty bar whose 去结算 is disabled', async () => {
    await open();
    expect(screen.getByText('¥12.00')).toBeTruthy();
    expect(screen.getByText('¥168.00')).toBeTruthy();
    expect(within(product('Tea cups (4)')).getByText('已售罄')).toBeTruthy();
    expect(screen.getByText('购物车是空的')).toBeTruthy();
    expect(checkout().className).toContain('btn--disabled');
    fireEvent.click(checkout());
    expect(taroDouble.navigations).toEqual([]);
  });

  it('steppers add and take away; the badge, the total and the count follow; a product stops at its limit', async () => {
    await open();
    fireEvent.click(plus('Green tea'));
    fireEvent.click(plus('Green tea'));
    fireEvent.click(plus('Clay teapot'));
    expect(within(product('Green tea')).getByText('2', { selector: '.product__badge' })).toBeTruthy();
    expect(within(product('Clay teapot')).getByText('每单限购 1 件')).toBeTruthy();
    expect(plus('Clay teapot').className).toContain('stepper__btn--off');
    expect(screen.getByText('¥192.00', { selector: '.cart-bar__total' })).toBeTruthy();
    expect(screen.getByText('3', { selector: '.cart-bar__badge' })).toBeTruthy();
    fireEvent.click(minus('Green tea'));
    expect(screen.getByText('去结算(2)')).toBeTruthy();
    expect(taroDouble.storage.get(CART_STORAGE_KEY)).toEqual([
      expect.objectContaining({ skuId: 'green-tea', quantity: 1 }),
      expect.objectContaining({ skuId: 'teapot', quantity: 1 }),
    ]);
    fireEvent.click(checkout());
    expect(taroDouble.navigations).toEqual(['/pages/confirm/index']);
  });

  it('a failed catalog says so in Chinese with 重新加载, never the platform’s text', async () => {
    shop.failNext('catalog', undefined, { code: 'INTERNAL', message: 'internal error' });
    render(<Index />);
    await screen.findByText('系统繁忙，请稍后重试。');
    expectOnlyShopperText(document.body.textContent ?? '');
    fireEvent.click(screen.getByText('重新加载'));
    await screen.findByText('Clay teapot');
  });

  it('a cart changed in another tab shows here, with a word that it changed', async () => {
    await open();
    fireEvent.click(plus('Green tea'));
    act(() => {
      cartOf({ 'green-tea': 1, teapot: 1 });
      window.dispatchEvent(new StorageEvent('storage', { key: CART_STORAGE_KEY }));
    });
    expect(screen.getByText('去结算(2)')).toBeTruthy();
    expect(taroDouble.toasts).toEqual(['购物车已在其他页面更新']);
  });

  it('leads back to an unpaid order (after a reload or restart): 去支付 pays that order, not a new one', async () => {
    await shop.cloud.callFunction('pay', { action: 'create', items: [{ skuId: 'teapot', quantity: 1 }], requestId: 'req-00000001' });
    await open();
    await screen.findByText('你有一笔待付款订单');
    expect(screen.getByText('金额 ¥168.00，请在有效期内完成支付，避免重复下单。')).toBeTruthy();
    fireEvent.click(screen.getByText('去支付'));
    await waitFor(() => expect(taroDouble.navigations).toEqual(['redirect /pages/result/index?orderNo=ORDER0001']));
    expect(callsOf(shop, 'pay', 'pay')).toEqual([{ name: 'pay', data: { action: 'pay', orderNo: 'ORDER0001' } }]);
    expect(callsOf(shop, 'pay', 'create')).toHaveLength(1);
  });

  it('offers no unpaid order once it expired', async () => {
    shop.expiry.ms = -1;
    await shop.cloud.callFunction('pay', { action: 'create', items: [{ skuId: 'teapot', quantity: 1 }], requestId: 'req-00000001' });
    await open();
    await waitFor(() => expect(callsOf(shop, 'orders', 'pending')).toHaveLength(1));
    expect(screen.queryByText('你有一笔待付款订单')).toBeNull();
  });
});
