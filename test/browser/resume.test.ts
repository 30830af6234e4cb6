import type { Page } from 'playwright-core';
import { answerSheet, browserShop, checkout, paidResult, plus, rememberedOrderNo, screenshot } from './support/shop-page';

// Nothing paid twice from the browser: a reload or a back during payment leads back to the unpaid
// order, two tabs share one cart and one order, an order shows 已过期 the moment its time is up,
// 取消订单 asks first. One quickpay shop and one browser for the file; each test is a new shopper.
jest.setTimeout(90_000);

describe('local shop in a browser: reload, back, two tabs, expiry', () => {
  const at = browserShop('quickpay');

  const ordersOf = async (orderNo: string) => (await at.shop.cloud.database().collection('orders').where({ orderNo }).get()).data;
  const allOrders = async () => (await at.shop.cloud.database().collection('orders').get()).data;
  /** 去结算 → 微信支付 → the sheet closed unpaid: the order the tap made, 待付款. */
  const unpaidOrder = async (page: Page): Promise<string> => {
    await checkout(page);
    await page.locator('.confirm__pay').click();
    await answerSheet(page, 'cancel', 'refuse');
    await page.locator('.tips__text', { hasText: '支付已取消' }).waitFor();
    return rememberedOrderNo(page);
  };

  /** One of `product` → 去结算 → 微信支付 → subscription allowed → the sheet open: the order the tap made. */
  const sheetOpenFor = async (page: Page, product: string): Promise<string> => {
    await plus(page, product);
    await checkout(page);
    await page.locator('.confirm__pay').click();
    await page.locator('.subscribe-dialog__accept').click();
    await page.locator('.sandbox-cashier').waitFor();
    return rememberedOrderNo(page);
  };

  it('a reload while the sheet is open comes back to the same order, which then pays once', async () => {
    const { page } = at;
    const made = await sheetOpenFor(page, '安溪铁观音');
    expect(made).not.toBe('');
    const before = (await allOrders()).length;

    await page.reload();
    await expect(page.locator('.confirm__amount').innerText()).resolves.toBe('¥23.50');
    expect(await rememberedOrderNo(page)).toBe(made);
    expect((await allOrders()).length).toBe(before);
    await page.locator('.confirm__pay').click();
    await answerSheet(page, 'pay');
    await expect(paidResult(page)).resolves.toBe(made);
    expect(await ordersOf(made)).toMatchObject([{ status: 'PAID' }]);
  });

  it('back during the sheet closes it; 首页 offers the unpaid order, and 去支付 pays it', async () => {
    const { page } = at;
    const made = await sheetOpenFor(page, '试饮装');

    await page.goBack();
    await page.locator('.pending-bar__title', { hasText: '你有一笔待付款订单' }).waitFor();
    await expect(page.locator('.sandbox-cashier').count()).resolves.toBe(0);
    await expect(page.locator('.pending-bar__hint').innerText()).resolves.toContain('¥0.01');
    await screenshot(page, 'shop-pending');
    await page.locator('.pending-bar__pay').click();
    await answerSheet(page, 'pay');
    await expect(paidResult(page)).resolves.toBe(made);
    await page.locator('.result__home').click();
    await page.locator('.cart-bar__empty').waitFor();
    await expect(page.locator('.pending-bar').count()).resolves.toBe(0);
  });

  it('two tabs share one cart (nothing lost, nothing doubled) and one order; paid in one, the other makes and pays nothing more', async () => {
    const { page, shop, browser } = at;
    const other = await browser.context.newPage();
    try {
      await other.goto(`${shop.url}/`);
      await other.locator('.product__name', { hasText: '宜兴紫砂壶' }).waitFor();
      await plus(page, '西湖龙井');
      await other.locator('.cart-bar__checkout', { hasText: '去结算(1)' }).waitFor();
      await plus(other, '安溪铁观音');
      await page.locator('.cart-bar__checkout', { hasText: '去结算(2)' }).waitFor();
      await expect(page.locator('.cart-bar__total').innerText()).resolves.toBe('¥35.50');

      await checkout(page);
      await checkout(other);
      const before = (await allOrders()).length;
      await page.locator('.confirm__pay').click();
      await answerSheet(page, 'pay');
      const made = await paidResult(page);
      expect(await ordersOf(made)).toMatchObject([{ status: 'PAID' }]);

      // The other tab still shows the quote; paid and emptied elsewhere, its cart makes no order.
      await other.locator('.confirm__pay').click();
      await other.locator('.subscribe-dialog__accept').click();
      await other.locator('.tips__text', { hasText: '购物车已在其他页面更新，请返回首页核对后再结算。' }).waitFor();
      await expect(other.locator('.sandbox-cashier').count()).resolves.toBe(0);
      expect((await allOrders()).length).toBe(before + 1);
      await other.goto(`${shop.url}/`);
      await other.locator('.cart-bar__empty').waitFor();
    } finally {
      await other.close();
    }
  });

  it('a price changed between 确认订单 and 微信支付: the new amount is shown before any sheet, and is what is paid', async () => {
    const { page, shop } = at;
    // The database handle of the moment: a restart reopens it.
    const oolong = () => shop.cloud.database().collection('products').doc('oolong');
    await plus(page, '安溪铁观音');
    await expect(checkout(page)).resolves.toBe('¥23.50');
    await oolong().update({ data: { unitPrice: 2550 } });
    // A warm pay instance prices from what it read for up to CATALOG_CACHE_SECONDS; a new one reads the change.
    await shop.cloud.restart();
    try {
      await page.locator('.confirm__pay').click();
      await page.locator('.subscribe-dialog__accept').click();
      await page.locator('.tips__text', { hasText: '商品价格有变动，实付款由 ¥23.50 变为 ¥25.50，请核对后再支付。' }).waitFor();
      await page.locator('.confirm__amount', { hasText: '¥25.50' }).waitFor();
      await expect(page.locator('.sandbox-cashier').count()).resolves.toBe(0);
      await screenshot(page, 'shop-price-changed');
      await page.locator('.confirm__pay').click();
      await answerSheet(page, 'pay');
      const orderNo = await paidResult(page);
      await expect(page.locator('.result__amount').innerText()).resolves.toBe('¥25.50');
      expect(await at.shop.storedOrder(orderNo)).toMatchObject({ status: 'PAID', amount: 2550 });
    } finally {
      await oolong().update({ data: { unitPrice: 2350 } });
      await shop.cloud.restart();
    }
  });

  it('取消订单 asks first, then the order reads 已取消', async () => {
    const { page, shop } = at;
    await plus(page, '西湖龙井');
    const made = await unpaidOrder(page);
    await page.goto(`${shop.url}/#/pages/order/index?orderNo=${made}`);
    await page.locator('.order__cancel').click();
    const modal = page.locator('.taro-modal__content');
    await modal.waitFor();
    await expect(modal.innerText()).resolves.toContain('确定要取消这笔订单吗？');
    await screenshot(page, 'shop-cancel-dialog');
    await modal.getByText('确定取消').click();
    await page.locator('.status-head__title', { hasText: '已取消' }).waitFor();
    expect(await ordersOf(made)).toMatchObject([{ status: 'CLOSED' }]);
  });

  it('订单详情 counts down and reads 已过期 the moment the time is up; 去支付 is gone', async () => {
    const { page, shop, browser } = at;
    await plus(page, '安溪铁观音');
    const made = await unpaidOrder(page);
    // The clock the test moves is the whole browser's (Playwright's clock is per context): this test runs last.
    const tab = await browser.context.newPage();
    try {
      await tab.clock.install();
      await tab.goto(`${shop.url}/#/pages/order/index?orderNo=${made}`);
      await tab.locator('.status-head__countdown').waitFor();
      await expect(tab.locator('.order__pay').count()).resolves.toBe(1);
      await screenshot(tab, 'shop-order-unpaid');

      await tab.clock.fastForward('30:01');
      await tab.locator('.status-head__title', { hasText: '已过期' }).waitFor({ timeout: 5_000 });
      await expect(tab.locator('.order__pay').count()).resolves.toBe(0);
      await screenshot(tab, 'shop-order-expired');
    } finally {
      await tab.close();
    }
  });
});
