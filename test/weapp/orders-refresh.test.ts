import { launchWeapp, waitUntil, type WeappApp } from '../support/weapp';
import { startTestShop, type TestShop } from '../support/local-shop';
import { LOCAL_APP_ID } from '../../sandbox/shop';
import { localWx, type LocalWx } from './support/local-wx';
import { textOfClass } from './support/shop-page';

// 我的订单's pull-down refresh in the built mini program: the harness delivers the pull as WeChat
// does (the page's onPullDownRefresh, enabled by enablePullDownRefresh in its JSON), so Taro's
// usePullDownRefresh path runs. A payment made meanwhile elsewhere appears without leaving the page.
jest.setTimeout(40_000);

describe('compiled mini program: 我的订单 pulled down', () => {
  let shop: TestShop;
  let app: WeappApp | undefined;
  let wx: LocalWx;
  const openid = 'o_weapp_pull_down';
  beforeAll(async () => {
    shop = await startTestShop('quickpay', { serveH5: false });
  });
  afterAll(() => shop.close());
  afterEach(() => app?.close());

  const asShopper = { OPENID: openid, APPID: LOCAL_APP_ID, SOURCE: 'wx_client', CLIENTIP: '127.0.0.1' };
  type Created = { orderNo: string; payment: Parameters<TestShop['cashier']['pay']>[0] };
  const create = async (skuId: string, requestId: string): Promise<Created> =>
    ((await shop.cloud.invoke('pay', { action: 'create', items: [{ skuId, quantity: 1 }], requestId }, asShopper)) as { data: Created }).data;
  /** Paid on another device: the sandbox cashier, then the provider's notification makes it PAID. */
  async function payElsewhere(order: Created): Promise<void> {
    await shop.cashier.pay(order.payment, LOCAL_APP_ID);
    const deadline = Date.now() + 10_000;
    while ((await shop.storedOrder(order.orderNo)).status !== 'PAID') {
      if (Date.now() > deadline) throw new Error('the notification never made the order PAID');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('refreshes the list: an order paid meanwhile reads 已支付, a new one appears, and the pull is ended', async () => {
    const first = await create('oolong', 'pull-down-first-0001');
    wx = localWx(shop, openid);
    app = await launchWeapp({ wx: wx.wx });
    const orders = await app.open('pages/orders/index');
    await waitUntil(orders, () => textOfClass(orders, 'status-badge') === '待付款', 'the unpaid order');
    const lists = () => wx.calls.filter((c) => c.name === 'orders' && c.data.action === 'list').length;
    const listed = lists();

    // Meanwhile, on another device: the unpaid order is paid, and another order is made and paid.
    await payElsewhere(first);
    await payElsewhere(await create('teapot', 'pull-down-second-0002'));
    await orders.settle();
    expect(textOfClass(orders, 'status-badge')).toBe('待付款'); // nothing refreshed it by itself
    expect(wx.pullDownStops.count).toBe(0);

    await orders.pullDownRefresh();
    await waitUntil(orders, () => textOfClass(orders, 'status-badge') === '已支付 已支付', 'the refreshed list');
    expect(textOfClass(orders, 'order-card__lines')).toMatch(/宜兴紫砂壶[\s\S]*安溪铁观音/); // newest first
    expect(lists()).toBe(listed + 1);
    await waitUntil(orders, () => wx.pullDownStops.count === 1, 'wx.stopPullDownRefresh');
  });
});
