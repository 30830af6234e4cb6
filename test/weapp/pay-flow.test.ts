import { launchWeapp, waitUntil, type WeappApp, type WeappPage } from '../support/weapp';
import { startTestShop, type TestShop } from '../support/local-shop';
import { LOCAL_PAID_TEMPLATE_ID, PROVIDERS } from '../../sandbox/shop';
import { localWx, type LocalWx } from './support/local-wx';
import { inCard, orderNoIn, plusOf, textOfClass } from './support/shop-page';

// The built mini program paying for real: wx.cloud.callFunction reaches the real functions on the
// local cloud, wx.requestPayment reaches the sandbox cashier, the provider sandbox notifies payNotify.
// Pages are opened where the app navigates (the harness records navigations; it has no page stack).
jest.setTimeout(40_000);

describe.each(PROVIDERS)('compiled mini program pays through %s', (provider) => {
  let shop: TestShop;
  let app: WeappApp | undefined;
  let wx: LocalWx;
  let shopper = 0;
  beforeAll(async () => {
    shop = await startTestShop(provider, { serveH5: false });
  });
  afterAll(() => shop.close());
  afterEach(() => app?.close());

  async function launch(storage?: Map<string, unknown>, openid = `o_weapp_${provider}_${shopper}`): Promise<WeappPage> {
    wx = localWx(shop, openid, storage);
    app = await launchWeapp({ wx: wx.wx });
    const page = await app.open('pages/index/index');
    await waitUntil(page, () => textOfClass(page, 'product__name').includes('安溪铁观音'), 'the catalog');
    return page;
  }
  const actions = (action: string) => wx.calls.filter((c) => c.name === 'pay' && c.data.action === action);

  async function confirmPage(): Promise<WeappPage> {
    const page = await app!.open('pages/confirm/index');
    await waitUntil(page, () => textOfClass(page, 'confirm__amount') !== '', 'the server’s priced order');
    return page;
  }

  async function resultPage(orderNo: string): Promise<WeappPage> {
    const page = await app!.open('pages/result/index', { orderNo });
    await waitUntil(page, () => textOfClass(page, 'msg__title') === '支付成功', '支付成功', 20_000);
    return page;
  }

  it('browse → cart → 确认订单 → pay (cancel) → 我的订单 去支付 → paid: one order, the cart emptied', async () => {
    shopper += 1;
    const home = await launch();
    await home.tap(plusOf(home, '西湖龙井'));
    await home.tap(plusOf(home, '安溪铁观音'));
    await home.tap(home.byClass('cart-bar__checkout'));
    expect(wx.navigations).toEqual(['/pages/confirm/index']);

    const confirm = await confirmPage();
    expect(textOfClass(confirm, 'confirm__amount')).toBe('¥35.50');
    expect(textOfClass(confirm, 'lines__name')).toBe('西湖龙井 安溪铁观音');
    // The server's quote: no order until the shopper pays.
    expect(actions('quote')).toHaveLength(1);
    expect(actions('create')).toEqual([]);
    expect(textOfClass(confirm, 'confirm__countdown')).toBe('');
    wx.shopper.choice = 'cancel';
    await confirm.tap(confirm.byClass('confirm__pay'));
    await waitUntil(confirm, () => textOfClass(confirm, 'tips__text').includes('支付已取消'), 'the cancelled sheet');
    expect(wx.subscriptions).toEqual([[LOCAL_PAID_TEMPLATE_ID]]);
    await waitUntil(confirm, () => /^剩余支付时间 (29|30) 分 \d\d 秒$/.test(textOfClass(confirm, 'confirm__countdown')), 'the order’s time to pay');
    // The order the page made, as the app remembers it for a reload or restart.
    const orderNo = (wx.storage.get('shop.attempts.v1') as Array<{ orderNo?: string }>)[0]?.orderNo ?? '';
    expect((await shop.storedOrder(orderNo)).status).not.toBe('PAID');

    const orders = await app!.open('pages/orders/index');
    await waitUntil(orders, () => textOfClass(orders, 'status-badge') === '待付款', 'my unpaid order');
    wx.shopper.choice = 'pay';
    await orders.tap(inCard(orders, '西湖龙井', 'order-card__pay'));
    await waitUntil(orders, () => wx.navigations.some((n) => n.startsWith('redirect ')), '支付结果');
    const resultUrl = wx.navigations.find((n) => n.startsWith('redirect '));
    expect(orderNoIn(resultUrl)).toBe(orderNo);
    // The Pay tap on 确认订单 made the order once; 去支付 in 我的订单 paid it by number.
    expect(actions('create')).toHaveLength(1);
    expect(actions('pay')).toEqual([{ name: 'pay', data: { action: 'pay', orderNo } }]);
    expect(wx.sheets.map((s) => s.package)).toEqual([wx.sheets[0]!.package, wx.sheets[0]!.package]); // the same pay params again

    const result = await resultPage(orderNo);
    expect(textOfClass(result, 'result__amount')).toBe('¥35.50');
    expect(await shop.storedOrder(orderNo)).toMatchObject({ status: 'PAID', amount: 3550, provider });
    expect(wx.subscriptions).toHaveLength(2);

    const again = await app!.open('pages/index/index');
    expect(textOfClass(again, 'cart-bar__empty')).toBe('购物车是空的');
    const details = await app!.open('pages/order/index', { orderNo });
    await waitUntil(details, () => textOfClass(details, 'status-head__title') === '已支付', '订单详情');
    expect(textOfClass(details, 'order-no__value')).toBe(orderNo);
  });

  it('a restart during payment leads back to the unpaid order (same phone, same shopper), not to a new one', async () => {
    shopper += 1;
    const home = await launch();
    await home.tap(plusOf(home, '宜兴紫砂壶'));
    const confirm = await confirmPage();
    wx.shopper.choice = 'cancel'; // the sheet closed by the restart
    await confirm.tap(confirm.byClass('confirm__pay'));
    await waitUntil(confirm, () => textOfClass(confirm, 'tips__text').includes('支付已取消'), 'the cancelled sheet');
    expect(actions('create')).toHaveLength(1);
    const storage = wx.storage;
    app!.close();

    const restarted = await launch(storage);
    await waitUntil(restarted, () => textOfClass(restarted, 'pending-bar__title') === '你有一笔待付款订单', 'the unpaid order');
    expect(textOfClass(restarted, 'pending-bar__hint')).toContain('¥168.00');
    wx.shopper.choice = 'pay';
    await restarted.tap(restarted.byClass('pending-bar__pay'));
    await waitUntil(restarted, () => wx.navigations.some((n) => n.startsWith('redirect ')), '支付结果');
    const orderNo = orderNoIn(wx.navigations.find((n) => n.startsWith('redirect ')));
    await resultPage(orderNo);
    expect(actions('create')).toEqual([]);
    const again = await app!.open('pages/index/index');
    expect(textOfClass(again, 'cart-bar__empty')).toBe('购物车是空的');
  });
});
