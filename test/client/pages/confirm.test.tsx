import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import ConfirmPage from '../../../client/pages/confirm/index';
import { installQrImageRenderer } from '../../../client/services/qr-image';
import { getCart } from '../../../client/services/cart-store';
import { taroDouble } from '../doubles/taro';
import type { FakeShop } from '../support/fake-shop';
import { callsOf, cartOf, expectOnlyShopperText, freshShop } from '../support/pages';

jest.mock('../../../client/config', () => ({ PAID_TEMPLATE_ID: 'TPL-PAID' }));

// 确认订单 against an in-memory shop: the server's priced order, 微信支付, the subscription, and the ways it can go.
describe('确认订单', () => {
  let shop: FakeShop;
  beforeEach(() => {
    shop = freshShop();
    cartOf({ 'green-tea': 2, teapot: 1 });
  });

  async function open() {
    const view = render(<ConfirmPage />);
    await screen.findByText('¥192.00', { selector: '.confirm__amount' });
    return view;
  }

  it('shows the order as the server priced it, with the time left to pay', async () => {
    await open();
    expect(callsOf(shop, 'pay', 'create')).toEqual([
      { name: 'pay', data: { action: 'create', items: [{ skuId: 'green-tea', quantity: 2 }, { skuId: 'teapot', quantity: 1 }], requestId: expect.stringMatching(/^co-/) } },
    ]);
    expect(screen.getByText('Green tea')).toBeTruthy();
    expect(screen.getByText('¥12.00 × 2')).toBeTruthy();
    expect(screen.getByText(/^剩余支付时间 \d+ 分 \d\d 秒$/)).toBeTruthy();
    expect(screen.getByText('微信支付')).toBeTruthy();
  });

  it('a reload (the page opened again) continues the same order, never a new one', async () => {
    const first = await open();
    first.unmount();
    await open();
    const creates = callsOf(shop, 'pay', 'create');
    expect(creates).toHaveLength(2);
    expect(creates[1]!.data.requestId).toBe(creates[0]!.data.requestId);
    expect(shop.orders.size).toBe(1);
  });

  it('微信支付 asks for the subscription first, inside the tap, then pays and opens 支付结果', async () => {
    await open();
    const createsBefore = callsOf(shop, 'pay', 'create').length;
    fireEvent.click(screen.getByText('微信支付'));
    expect(taroDouble.subscriptions).toEqual([['TPL-PAID']]); // asked in the tap itself, before any await
    expect(callsOf(shop, 'pay', 'create')).toHaveLength(createsBefore);
    fireEvent.click(screen.getByText('微信支付')); // a double tap: one sheet
    await waitFor(() => expect(taroDouble.navigations).toEqual(['redirect /pages/result/index?orderNo=ORDER0001']));
    expect(shop.sheet.opened).toHaveLength(1);
    expect(taroDouble.subscriptions).toHaveLength(1);
  });

  it('a cancelled sheet keeps the order payable: 继续支付 pays the same order', async () => {
    shop.sheet.outcome = 'cancel';
    await open();
    fireEvent.click(screen.getByText('微信支付'));
    await screen.findByText('支付已取消，订单未支付，可在有效期内继续支付。');
    shop.sheet.outcome = 'ok';
    fireEvent.click(screen.getByText('继续支付'));
    await waitFor(() => expect(taroDouble.navigations).toEqual(['redirect /pages/result/index?orderNo=ORDER0001']));
    expect(shop.sheet.opened.map((p) => p.package)).toEqual(['prepay_id=wx1', 'prepay_id=wx1']);
  });

  it('an order paid meanwhile in another tab opens no sheet: 支付结果 shows it', async () => {
    await open();
    shop.orders.get('ORDER0001')!.status = 'PAID';
    fireEvent.click(screen.getByText('微信支付'));
    await waitFor(() => expect(taroDouble.navigations).toEqual(['redirect /pages/result/index?orderNo=ORDER0001']));
    expect(shop.sheet.opened).toEqual([]);
  });

  it('a failed sheet says so in Chinese, without the platform’s reason', async () => {
    shop.sheet.outcome = 'fail';
    await open();
    fireEvent.click(screen.getByText('微信支付'));
    await screen.findByText('支付未完成，请重试或更换支付方式。');
    expect(document.body.textContent).not.toContain('paySign');
  });

  it('shows what a shopper can act on when the server refuses, never the provider’s text', async () => {
    shop.failNext('pay', 'create', { code: 'PROVIDER_UNAVAILABLE', message: 'caibao: open.pay.query rejected: 50 订单不存在', retryable: true });
    render(<ConfirmPage />);
    await screen.findByText('支付服务繁忙，请稍后重试。');
    expectOnlyShopperText(document.body.textContent ?? '');
    fireEvent.click(screen.getByText('重新加载'));
    await screen.findByText('¥192.00', { selector: '.confirm__amount' });
  });

  it('an unreachable shop reads as a network problem', async () => {
    installQrImageRenderer(undefined);
    const failing = { callFunction: async () => Promise.reject(new TypeError('Failed to fetch')) };
    (await import('../../../client/services/cloud')).installCloud(failing);
    render(<ConfirmPage />);
    await screen.findByText('网络不给力，请检查网络后重试。');
    expectOnlyShopperText(document.body.textContent ?? '');
  });

  it('turns 已过期 the second its time is up, and offers 返回首页 instead of paying', async () => {
    shop.expiry.ms = 1500;
    render(<ConfirmPage />);
    await screen.findByText(/^剩余支付时间 0 分 0[12] 秒$/);
    await screen.findByText('已过期', undefined, { timeout: 3000 });
    expect(screen.getByText('支付时间已过，订单已自动关闭。')).toBeTruthy();
    expect(screen.queryByText('微信支付')).toBeNull();
    fireEvent.click(screen.getByText('返回首页'));
    expect(taroDouble.navigations).toEqual(['tab /pages/index/index']);
  });

  it('a refused or failing subscription never stops the payment', async () => {
    taroDouble.answerSubscribe('reject');
    await open();
    fireEvent.click(screen.getByText('微信支付'));
    await waitFor(() => expect(taroDouble.navigations).toEqual(['redirect /pages/result/index?orderNo=ORDER0001']));
    expect(taroDouble.subscriptions).toEqual([['TPL-PAID']]);
  });

  it('pays by QR code in a browser whose provider has it, and opens 支付结果 once paid', async () => {
    shop.qr.payment = true;
    installQrImageRenderer(async () => 'data:image/png;base64,AAAA');
    await open();
    fireEvent.click(await screen.findByText('扫码支付'));
    const image = await screen.findByRole('img', { name: /^订单 ORDER0002 的支付二维码$/ });
    expect(image.getAttribute('src')).toBe('data:image/png;base64,AAAA');
    expect(screen.getByText('请使用微信扫一扫完成支付，支付成功后本页自动更新。')).toBeTruthy();
    shop.payByScan('ORDER0002');
    await waitFor(() => expect(taroDouble.navigations).toEqual(['redirect /pages/result/index?orderNo=ORDER0002']), { timeout: 4000 });
    expect(callsOf(shop, 'pay', 'createQr')[0]!.data).toMatchObject({ channel: 'wechat' });
  });

  it('扫码支付 leaves one unpaid order: the in-app order is cancelled first, and a reload comes back to the QR order', async () => {
    shop.qr.payment = true;
    installQrImageRenderer(async () => 'data:image/png;base64,AAAA');
    const first = await open();
    fireEvent.click(await screen.findByText('扫码支付'));
    fireEvent.click(screen.getByText('扫码支付')); // a double tap: one QR order
    await screen.findByRole('img', { name: /^订单 ORDER0002 的支付二维码$/ });
    expect(callsOf(shop, 'orders', 'cancel')).toEqual([{ name: 'orders', data: { action: 'cancel', orderNo: 'ORDER0001' } }]);
    expect(callsOf(shop, 'pay', 'createQr')).toHaveLength(1);
    const unpaid = () => [...shop.orders.values()].filter((o) => o.status === 'PAYING').map((o) => o.orderNo);
    expect(unpaid()).toEqual(['ORDER0002']);

    fireEvent.click(screen.getByText('暂不支付'));
    await screen.findByText('¥192.00', { selector: '.confirm__amount' });
    expect(screen.getByText('微信支付')).toBeTruthy(); // the page now holds the QR order, still payable
    first.unmount();
    await open(); // a reload
    expect(callsOf(shop, 'pay', 'create')).toHaveLength(1);
    expect(callsOf(shop, 'orders', 'get').at(-1)!.data).toEqual({ action: 'get', orderNo: 'ORDER0002' });
    fireEvent.click(screen.getByText('扫码支付'));
    await screen.findByRole('img', { name: /^订单 ORDER0002 的支付二维码$/ });
    expect(unpaid()).toEqual(['ORDER0002']);
    expect(shop.orders.size).toBe(2);
  });

  it('扫码支付 makes no QR order when the in-app order was paid meanwhile: 支付结果 shows that one', async () => {
    shop.qr.payment = true;
    installQrImageRenderer(async () => 'data:image/png;base64,AAAA');
    await open();
    shop.orders.get('ORDER0001')!.status = 'PAID';
    fireEvent.click(await screen.findByText('扫码支付'));
    await waitFor(() => expect(taroDouble.navigations).toEqual(['redirect /pages/result/index?orderNo=ORDER0001']));
    expect(callsOf(shop, 'pay', 'createQr')).toEqual([]);
  });

  it('with ?orderNo= pays that order again (the pay action): the same order and pay params', async () => {
    const first = await open();
    first.unmount();
    taroDouble.setRouterParams({ orderNo: 'ORDER0001' });
    render(<ConfirmPage />);
    await screen.findByText('¥192.00', { selector: '.confirm__amount' });
    fireEvent.click(screen.getByText('微信支付'));
    await waitFor(() => expect(taroDouble.navigations).toEqual(['redirect /pages/result/index?orderNo=ORDER0001']));
    expect(callsOf(shop, 'pay', 'pay')).toEqual([{ name: 'pay', data: { action: 'pay', orderNo: 'ORDER0001' } }]);
    expect(shop.sheet.opened.map((p) => p.package)).toEqual(['prepay_id=wx1']);
    expect(callsOf(shop, 'pay', 'create')).toHaveLength(1);
  });

  it('says the cart is empty when there is nothing to confirm', () => {
    taroDouble.storage.clear();
    render(<ConfirmPage />);
    expect(screen.getByText('购物车是空的')).toBeTruthy();
    expect(getCart()).toEqual([]);
    expect(shop.calls).toEqual([]);
  });
});
