import { launchWeapp, waitUntil, type WeappApp, type WeappPage } from '../support/weapp';
import { startTestShop, type TestShop } from '../support/local-shop';
import { PROVIDERS } from '../../sandbox/shop';
import { localWx, type LocalWx } from './support/local-wx';
import { addButtonOf, textOfClass } from './support/shop-page';

// The built mini program (dist/) paying for real: wx.cloud.callFunction reaches the real functions on
// the local cloud, wx.requestPayment reaches the sandbox cashier, the provider sandbox notifies payNotify.
jest.setTimeout(30_000);

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

  async function openShop(): Promise<WeappPage> {
    shopper += 1;
    wx = localWx(shop, `o_weapp_${provider}_${shopper}`);
    app = await launchWeapp({ wx: wx.wx });
    const page = await app.open('pages/index/index');
    await waitUntil(page, () => textOfClass(page, 'product__name').includes('Oolong'), 'the catalog');
    return page;
  }
  const creates = () => wx.calls.filter((c) => c.name === 'pay' && c.data.action === 'create');
  const shownOrderNo = (page: WeappPage) =>
    /Order ([A-Za-z0-9]+)/.exec(textOfClass(page, 'checkout__order-no') || textOfClass(page, 'notice__text'))?.[1] ?? '';

  it('taps Pay (twice), pays at the cashier once, and shows PAID once the server has it', async () => {
    const page = await openShop();
    await page.tap(addButtonOf(page, 'Green tea'));
    await page.tap(addButtonOf(page, 'Oolong'));
    const pay = page.byClass('cart__pay');
    await Promise.all([page.tap(pay), page.tap(pay)]); // a double tap: one checkout, one order

    await waitUntil(page, () => textOfClass(page, 'notice--success').includes('PAID ¥35.50'), 'PAID');
    const orderNo = shownOrderNo(page);
    expect(creates()).toEqual([
      { name: 'pay', data: { action: 'create', items: [{ skuId: 'green-tea', quantity: 1 }, { skuId: 'oolong', quantity: 1 }], requestId: expect.stringMatching(/^co-/) } },
    ]);
    expect(wx.sheets).toHaveLength(1);
    expect(await shop.storedOrder(orderNo)).toMatchObject({ status: 'PAID', amount: 3550, provider });
    expect(wx.calls.some((c) => c.name === 'pay' && c.data.action === 'status' && c.data.orderNo === orderNo)).toBe(true);
    expect(textOfClass(page, 'cart__summary')).toBe('Cart: 0 items');
  });

  it('a cancelled sheet leaves the order payable; Pay again pays the same order', async () => {
    const page = await openShop();
    await page.tap(addButtonOf(page, 'Clay teapot'));
    wx.shopper.choice = 'cancel';
    await page.tap(page.byClass('cart__pay'));
    await waitUntil(page, () => textOfClass(page, 'checkout').includes('Payment cancelled'), 'the cancelled sheet');
    const orderNo = shownOrderNo(page);
    expect((await shop.storedOrder(orderNo)).status).not.toBe('PAID');

    wx.shopper.choice = 'pay';
    await page.tap(page.byClass('checkout__pay-again'));
    await waitUntil(page, () => textOfClass(page, 'notice--success').includes('PAID ¥168.00'), 'PAID');
    expect(shownOrderNo(page)).toBe(orderNo);
    expect(creates()).toHaveLength(2);
    expect(creates()[1]!.data.requestId).toBe(creates()[0]!.data.requestId);
    expect((await shop.storedOrder(orderNo)).status).toBe('PAID');
  });

  it('my orders lists the shopper’s paid order; its page shows it', async () => {
    const page = await openShop();
    await page.tap(addButtonOf(page, 'Tasting sample'));
    await page.tap(page.byClass('cart__pay'));
    await waitUntil(page, () => textOfClass(page, 'notice--success').includes('PAID ¥0.01'), 'PAID');
    const orderNo = shownOrderNo(page);

    const orders = await app!.open('pages/orders/index');
    await waitUntil(orders, () => textOfClass(orders, 'orders__count') === '1 of 1', 'the order list');
    expect(textOfClass(orders, 'order-card__no')).toBe(orderNo);
    expect(textOfClass(orders, 'status-badge')).toBe('PAID');

    const details = await app!.open('pages/order/index', { orderNo });
    await waitUntil(details, () => textOfClass(details, 'status-badge') === 'PAID', 'the order details');
    expect(textOfClass(details, 'page__title')).toBe(`Order ${orderNo}`);
    expect(textOfClass(details, 'order__amount')).toBe('¥0.01');
  });
});
