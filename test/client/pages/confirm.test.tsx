import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import ConfirmPage from '../../../client/pages/confirm/index';
import { installQrImageRenderer } from '../../../client/services/qr-image';
import { getCart, updateCart } from '../../../client/services/cart-store';
import { createPayment } from '../../../client/services/api';
import { attemptFor, recordOrderNo } from '../../../client/services/attempt';
import { taroDouble } from '../doubles/taro';
import type { FakeShop } from '../support/fake-shop';
import { callsOf, cartOf, expectOnlyShopperText, freshShop } from '../support/pages';

jest.mock('../../../client/config', () => ({ PAID_TEMPLATE_ID: 'TPL-PAID' }));

// 确认订单 against an in-memory shop: the server's quote (no order until a Pay tap), 微信支付, the
// subscription, the order made once, and the ways it can go.
describe('确认订单', () => {
  let shop: FakeShop;
  const CART = [
    { skuId: 'green-tea', quantity: 2 },
    { skuId: 'teapot', quantity: 1 },
  ];
  beforeEach(() => {
    shop = freshShop();
    cartOf({ 'green-tea': 2, teapot: 1 });
  });

  async function open() {
    const view = render(<ConfirmPage />);
    await screen.findByText('¥192.00', { selector: '.confirm__amount' });
    return view;
  }
  /** 微信支付 with the sheet cancelled: the order is made and stays payable. */
  async function payAndCancel() {
    shop.sheet.outcome = 'cancel';
    fireEvent.click(screen.getByText('微信支付'));
    await screen.findByText('支付已取消，订单未支付，可在有效期内继续支付。');
    await screen.findByText(/^剩余支付时间 \d+ 分 \d\d 秒$/);
    shop.sheet.outcome = 'ok';
  }
  const paid = (orderNo: string) => waitFor(() => expect(taroDouble.navigations).toEqual([`redirect /pages/result/index?orderNo=${orderNo}`]));

  it('shows the cart as the server quotes it, and makes no order until 微信支付', async () => {
    await open();
    expect(callsOf(shop, 'pay')).toEqual([{ name: 'pay', data: { action: 'quote', items: CART } }]);
    expect(shop.orders.size).toBe(0);
    expect(screen.getByText('Green tea')).toBeTruthy();
    expect(screen.getByText('¥12.00 × 2')).toBeTruthy();
    expect(screen.queryByText(/剩余支付时间/)).toBeNull(); // no order, no time limit yet
    expect(screen.getByText('微信支付')).toBeTruthy();
    expect(taroDouble.storage.get('shop.attempts.v1')).toBeUndefined();
  });

  it('微信支付 asks for the subscription first, inside the tap, then makes the order once and pays it', async () => {
    await open();
    fireEvent.click(screen.getByText('微信支付'));
    expect(taroDouble.subscriptions).toEqual([['TPL-PAID']]); // asked in the tap itself, before any await
    expect(callsOf(shop, 'pay', 'create')).toHaveLength(0);
    fireEvent.click(screen.getByText('微信支付')); // a double tap: one order, one sheet
    await paid('ORDER0001');
    expect(callsOf(shop, 'pay', 'create')).toEqual([{ name: 'pay', data: { action: 'create', items: CART, requestId: expect.stringMatching(/^co-/) } }]);
    expect(shop.orders.size).toBe(1);
    expect(shop.sheet.opened).toHaveLength(1);
    expect(taroDouble.subscriptions).toHaveLength(1);
  });

  it('a reload after the order was made (the page opened again) comes back to that order, never a new one', async () => {
    const first = await open();
    await payAndCancel();
    first.unmount();
    render(<ConfirmPage />);
    await screen.findByText(/^剩余支付时间 \d+ 分 \d\d 秒$/);
    expect(screen.getByText('¥192.00', { selector: '.confirm__amount' })).toBeTruthy();
    expect(callsOf(shop, 'orders', 'get').at(-1)!.data).toEqual({ action: 'get', orderNo: 'ORDER0001' });
    expect(callsOf(shop, 'pay', 'quote')).toHaveLength(1); // the first visit's only
    fireEvent.click(screen.getByText('微信支付'));
    await paid('ORDER0001');
    expect(callsOf(shop, 'pay', 'create')).toHaveLength(1);
    expect(callsOf(shop, 'pay', 'pay')).toEqual([{ name: 'pay', data: { action: 'pay', orderNo: 'ORDER0001' } }]);
    expect(shop.orders.size).toBe(1);
  });

  it('a reload before paying only quotes again', async () => {
    (await open()).unmount();
    await open();
    expect(callsOf(shop, 'pay').map((c) => c.data.action)).toEqual(['quote', 'quote']);
    expect(shop.orders.size).toBe(0);
  });

  it('a cancelled sheet keeps the order payable: 继续支付 pays the same order', async () => {
    await open();
    await payAndCancel();
    fireEvent.click(screen.getByText('继续支付'));
    await paid('ORDER0001');
    expect(shop.sheet.opened.map((p) => p.package)).toEqual(['prepay_id=wx1', 'prepay_id=wx1']);
    expect(callsOf(shop, 'pay', 'create')).toHaveLength(1);
  });

  it('a price changed since the quote: the shopper is told the new amount, and no sheet opens until they tap again', async () => {
    await open();
    shop.reprice('teapot', 17800);
    fireEvent.click(screen.getByText('微信支付'));
    await screen.findByText('商品价格有变动，实付款由 ¥192.00 变为 ¥202.00，请核对后再支付。');
    await screen.findByText('¥202.00', { selector: '.confirm__amount' });
    expect(screen.getByText('¥178.00 × 1')).toBeTruthy();
    expect(shop.sheet.opened).toEqual([]);
    fireEvent.click(screen.getByText('微信支付'));
    await paid('ORDER0001');
    expect(shop.sheet.opened).toHaveLength(1);
    expect(callsOf(shop, 'pay', 'create')).toHaveLength(1);
    expect(shop.orders.get('ORDER0001')!.amount).toBe(20200);
  });

  it('an order cancelled meanwhile elsewhere: the shopper is told, the cart is priced afresh, and the next tap makes a new order', async () => {
    await open();
    await payAndCancel();
    shop.orders.get('ORDER0001')!.status = 'CLOSED'; // 取消订单 in another tab
    fireEvent.click(screen.getByText('继续支付'));
    await screen.findByText('这笔订单已取消，请重新下单。');
    await waitFor(() => expect(screen.queryByText(/剩余支付时间/)).toBeNull());
    expect(callsOf(shop, 'pay', 'quote')).toHaveLength(2);
    fireEvent.click(screen.getByText('微信支付'));
    await paid('ORDER0002');
    const creates = callsOf(shop, 'pay', 'create');
    expect(creates).toHaveLength(2);
    expect(creates[1]!.data.requestId).not.toBe(creates[0]!.data.requestId);
  });

  it('the order made and paid meanwhile in another tab opens no sheet: 支付结果 shows it', async () => {
    await open();
    // Another tab made the order for this cart (the attempt is shared storage) and paid it.
    const attempt = attemptFor(CART, 'jsapi');
    recordOrderNo(attempt.requestId, (await createPayment(CART, attempt.requestId)).orderNo);
    shop.orders.get('ORDER0001')!.status = 'PAID';
    fireEvent.click(screen.getByText('微信支付'));
    await paid('ORDER0001');
    expect(shop.sheet.opened).toEqual([]);
    expect(callsOf(shop, 'pay', 'create')).toHaveLength(1);
  });

  it('a cart changed (or paid and emptied) in another tab makes no order: the shopper is sent back to check it', async () => {
    await open();
    updateCart(() => []);
    fireEvent.click(screen.getByText('微信支付'));
    await screen.findByText('购物车已在其他页面更新，请返回首页核对后再结算。');
    expect(callsOf(shop, 'pay', 'create')).toEqual([]);
    expect(shop.sheet.opened).toEqual([]);
  });

  it('a failed sheet says so in Chinese, without the platform’s reason', async () => {
    shop.sheet.outcome = 'fail';
    await open();
    fireEvent.click(screen.getByText('微信支付'));
    await screen.findByText('支付未完成，请重试或更换支付方式。');
    expect(document.body.textContent).not.toContain('paySign');
  });

  it('shows what a shopper can act on when the server refuses, never the server’s or provider’s text', async () => {
    shop.failNext('pay', 'quote', { code: 'INTERNAL', message: 'products: database timeout', retryable: true });
    render(<ConfirmPage />);
    await screen.findByText('系统繁忙，请稍后重试。');
    expectOnlyShopperText(document.body.textContent ?? '');
    fireEvent.click(screen.getByText('重新加载'));
    await screen.findByText('¥192.00', { selector: '.confirm__amount' });
    shop.failNext('pay', 'create', { code: 'PROVIDER_UNAVAILABLE', message: 'caibao: open.pay.query rejected: 50 订单不存在', retryable: true });
    fireEvent.click(screen.getByText('微信支付'));
    await screen.findByText('支付服务繁忙，请稍后重试。');
    expect(document.body.textContent).not.toContain('订单不存在');
  });

  it('a product no longer sold as asked: the quote says to change the cart', async () => {
    shop.failNext('pay', 'quote', { code: 'CONFLICT', message: 'items.1.skuId: Clay teapot is not available' });
    render(<ConfirmPage />);
    await screen.findByText('购物车中有商品已售罄或下架，请返回首页修改购物车。');
    expectOnlyShopperText(document.body.textContent ?? '');
    expect(screen.getByText('微信支付').className).toContain('btn--disabled');
  });

  it('an unreachable shop reads as a network problem', async () => {
    installQrImageRenderer(undefined);
    const failing = { callFunction: async () => Promise.reject(new TypeError('Failed to fetch')) };
    (await import('../../../client/services/cloud')).installCloud(failing);
    render(<ConfirmPage />);
    await screen.findByText('网络不给力，请检查网络后重试。');
    expectOnlyShopperText(document.body.textContent ?? '');
  });

  it('once made, the order turns 已过期 the second its time is up, and offers 返回首页 instead of paying', async () => {
    shop.expiry.ms = 2500;
    await open();
    await payAndCancel();
    await screen.findByText('已过期', undefined, { timeout: 4000 });
    expect(screen.getByText('支付时间已过，订单已自动关闭。')).toBeTruthy();
    expect(screen.queryByText('支付已取消，订单未支付，可在有效期内继续支付。')).toBeNull(); // no longer true
    expect(screen.queryByText('微信支付')).toBeNull();
    expect(screen.queryByText('继续支付')).toBeNull();
    fireEvent.click(screen.getByText('返回首页'));
    expect(taroDouble.navigations).toEqual(['tab /pages/index/index']);
  });

  it('a refused or failing subscription never stops the payment', async () => {
    taroDouble.answerSubscribe('reject');
    await open();
    fireEvent.click(screen.getByText('微信支付'));
    await paid('ORDER0001');
    expect(taroDouble.subscriptions).toEqual([['TPL-PAID']]);
  });

  it('pays by QR code in a browser whose provider has it: one order, the QR one, and 支付结果 once paid', async () => {
    shop.qr.payment = true;
    installQrImageRenderer(async () => 'data:image/png;base64,AAAA');
    await open();
    fireEvent.click(await screen.findByText('扫码支付'));
    fireEvent.click(screen.getByText('扫码支付')); // a double tap: one QR order
    const image = await screen.findByRole('img', { name: /^订单 ORDER0001 的支付二维码$/ });
    expect(image.getAttribute('src')).toBe('data:image/png;base64,AAAA');
    expect(screen.getByText('请使用微信扫一扫完成支付，支付成功后本页自动更新。')).toBeTruthy();
    expect(callsOf(shop, 'pay', 'createQr')).toEqual([{ name: 'pay', data: { action: 'createQr', items: CART, requestId: expect.stringMatching(/^co-/), channel: 'wechat' } }]);
    expect(callsOf(shop, 'pay', 'create')).toEqual([]);
    expect(callsOf(shop, 'orders', 'cancel')).toEqual([]);
    expect(shop.orders.size).toBe(1);
    shop.payByScan('ORDER0001');
    await waitFor(() => expect(taroDouble.navigations).toEqual(['redirect /pages/result/index?orderNo=ORDER0001']), { timeout: 4000 });
  });

  it('扫码支付 at a price changed since the quote shows the new amount first; the next tap shows the code for it', async () => {
    shop.qr.payment = true;
    installQrImageRenderer(async () => 'data:image/png;base64,AAAA');
    await open();
    shop.reprice('green-tea', 1000);
    fireEvent.click(await screen.findByText('扫码支付'));
    await screen.findByText('商品价格有变动，实付款由 ¥192.00 变为 ¥188.00，请核对后再支付。');
    await screen.findByText('¥188.00', { selector: '.confirm__amount' });
    expect(screen.queryByRole('img')).toBeNull();
    fireEvent.click(screen.getByText('扫码支付'));
    await screen.findByRole('img', { name: /^订单 ORDER0001 的支付二维码$/ });
    expect(screen.getByText('¥188.00')).toBeTruthy();
    expect(callsOf(shop, 'pay', 'createQr')).toHaveLength(1);
    expect(callsOf(shop, 'orders', 'cancel')).toEqual([]);
  });

  it('扫码支付 after an in-app order was made cancels that one first; a reload comes back to the QR order', async () => {
    shop.qr.payment = true;
    installQrImageRenderer(async () => 'data:image/png;base64,AAAA');
    const first = await open();
    await payAndCancel(); // the in-app order ORDER0001
    fireEvent.click(await screen.findByText('扫码支付'));
    await screen.findByRole('img', { name: /^订单 ORDER0002 的支付二维码$/ });
    expect(callsOf(shop, 'orders', 'cancel')).toEqual([{ name: 'orders', data: { action: 'cancel', orderNo: 'ORDER0001' } }]);
    const unpaid = () => [...shop.orders.values()].filter((o) => o.status === 'PAYING').map((o) => o.orderNo);
    expect(unpaid()).toEqual(['ORDER0002']);

    fireEvent.click(screen.getByText('暂不支付'));
    await screen.findByText(/^剩余支付时间 \d+ 分 \d\d 秒$/);
    // The page now holds the QR order, still payable: its one button shows the code again, so it says
    // 扫码支付 (it read 微信支付 before, and tapping it showed the code). The subscription is not asked.
    await waitFor(() => expect(screen.queryByText('微信支付')).toBeNull());
    expect(screen.getAllByText('扫码支付').map((node) => node.closest('.confirm__pay, .confirm__pay-qr')?.className)).toEqual([expect.stringContaining('confirm__pay')]);
    expect(document.querySelector('.confirm__pay-qr')).toBeNull();
    const subscriptions = taroDouble.subscriptions.length;
    fireEvent.click(screen.getByText('扫码支付'));
    await screen.findByRole('img', { name: /^订单 ORDER0002 的支付二维码$/ });
    expect(taroDouble.subscriptions).toHaveLength(subscriptions);
    fireEvent.click(screen.getByText('暂不支付'));
    await screen.findByText(/^剩余支付时间 \d+ 分 \d\d 秒$/);
    first.unmount();
    render(<ConfirmPage />); // a reload
    await screen.findByText(/^剩余支付时间 \d+ 分 \d\d 秒$/);
    expect(callsOf(shop, 'orders', 'get').at(-1)!.data).toEqual({ action: 'get', orderNo: 'ORDER0002' });
    fireEvent.click(await screen.findByText('扫码支付'));
    await screen.findByRole('img', { name: /^订单 ORDER0002 的支付二维码$/ });
    expect(unpaid()).toEqual(['ORDER0002']);
    expect(shop.orders.size).toBe(2);
    expect(callsOf(shop, 'pay', 'createQr')).toHaveLength(1);
  });

  it('扫码支付 makes no QR order when the in-app order was paid meanwhile: 支付结果 shows that one', async () => {
    shop.qr.payment = true;
    installQrImageRenderer(async () => 'data:image/png;base64,AAAA');
    await open();
    await payAndCancel();
    shop.orders.get('ORDER0001')!.status = 'PAID';
    fireEvent.click(await screen.findByText('扫码支付'));
    await paid('ORDER0001');
    expect(callsOf(shop, 'pay', 'createQr')).toEqual([]);
  });

  it('with ?orderNo= pays that order again (the pay action): the same order and pay params', async () => {
    const first = await open();
    await payAndCancel();
    first.unmount();
    taroDouble.setRouterParams({ orderNo: 'ORDER0001' });
    render(<ConfirmPage />);
    await screen.findByText(/^剩余支付时间 \d+ 分 \d\d 秒$/);
    fireEvent.click(screen.getByText('微信支付'));
    await paid('ORDER0001');
    expect(callsOf(shop, 'pay', 'pay')).toEqual([{ name: 'pay', data: { action: 'pay', orderNo: 'ORDER0001' } }]);
    expect(shop.sheet.opened.map((p) => p.package)).toEqual(['prepay_id=wx1', 'prepay_id=wx1']);
    expect(callsOf(shop, 'pay', 'create')).toHaveLength(1);
  });

  it('with ?orderNo=&pay=qr (去支付 on a QR order) shows that order’s code at once; 暂不支付 leaves 扫码支付, not 微信支付', async () => {
    shop.qr.payment = true;
    installQrImageRenderer(async () => 'data:image/png;base64,AAAA');
    const first = await open();
    fireEvent.click(await screen.findByText('扫码支付'));
    await screen.findByRole('img', { name: /^订单 ORDER0001 的支付二维码$/ });
    fireEvent.click(screen.getByText('暂不支付'));
    await screen.findByText(/^剩余支付时间 \d+ 分 \d\d 秒$/);
    first.unmount();
    taroDouble.setRouterParams({ orderNo: 'ORDER0001', pay: 'qr' });
    render(<ConfirmPage />);
    await screen.findByRole('img', { name: /^订单 ORDER0001 的支付二维码$/ }); // no tap
    expect(callsOf(shop, 'pay', 'pay')).toEqual([{ name: 'pay', data: { action: 'pay', orderNo: 'ORDER0001' } }]);
    fireEvent.click(screen.getByText('暂不支付'));
    await screen.findByText(/^剩余支付时间 \d+ 分 \d\d 秒$/);
    expect(screen.queryByText('微信支付')).toBeNull();
    fireEvent.click(screen.getByText('扫码支付'));
    await screen.findByRole('img', { name: /^订单 ORDER0001 的支付二维码$/ });
    shop.payByScan('ORDER0001');
    await paid('ORDER0001');
    expect(callsOf(shop, 'pay', 'createQr')).toHaveLength(1);
    expect(shop.orders.size).toBe(1);
  });

  it('says the cart is empty when there is nothing to confirm', () => {
    taroDouble.storage.clear();
    render(<ConfirmPage />);
    expect(screen.getByText('购物车是空的')).toBeTruthy();
    expect(getCart()).toEqual([]);
    expect(shop.calls).toEqual([]);
  });
});
