import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { LOCAL_APP_ID } from '../../sandbox/shop';
import { assertChromium, openBrowser, type BrowserSession } from './support/chromium';
import { startTestShop, type TestShop } from '../support/local-shop';

// The merchant console (the `admin` subpackage) in the local shop, end to end: refused to a shopper,
// then, as the local administrator, search, a partial refund with its confirm step, and the day's summary.
const SHOTS = path.join(__dirname, '../../test-results');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `merchant-${name}.png`), fullPage: true });

jest.setTimeout(90_000);
beforeAll(() => assertChromium());

let shop: TestShop;
let browser: BrowserSession;
let page: Page;
const paid: Array<{ orderNo: string; amount: number }> = [];

beforeAll(async () => {
  shop = await startTestShop('quickpay');
  mkdirSync(SHOTS, { recursive: true });
  // Two shoppers' paid orders, made through the real functions and the sandbox cashier.
  for (const [openid, skuId] of [
    ['o_local_shopperaaaaaaaaaaaaaaaaa', 'teapot'],
    ['o_local_shopperbbbbbbbbbbbbbbbbb', 'green-tea'],
  ] as const) {
    const created = (await shop.cloud.invoke('pay', { action: 'create', items: [{ skuId, quantity: 1 }], requestId: `req-${openid}` }, { OPENID: openid, APPID: LOCAL_APP_ID, SOURCE: 'wx_client' })) as {
      data: { orderNo: string; amount: number; payment: Parameters<TestShop['cashier']['pay']>[0] };
    };
    await shop.cashier.pay(created.data.payment);
    await shop.sandboxes.providers.quickpay?.notifier.idle();
    paid.push({ orderNo: created.data.orderNo, amount: created.data.amount });
  }
}, 240_000);
afterAll(() => shop?.close());

beforeEach(async () => {
  browser = await openBrowser();
  page = browser.page;
});
afterEach(async () => {
  expect(browser.errors).toEqual([]);
  await browser.close();
});

it('shows a shopper nothing but a refusal', async () => {
  await page.goto(`${shop.url}/#/admin/pages/console/index`);
  await page.locator('.admin-denied').waitFor();
  await expect(page.locator('.admin-denied').innerText()).resolves.toContain('仅商户管理员');
  expect(await page.locator('.admin-tabs, .admin-order').count()).toBe(0);
  await shot(page, 'denied');
});

it('lets the local administrator search, refund part of an order after confirming, and read the day', async () => {
  await page.goto(`${shop.url}/#/admin/pages/console/index`);
  await page.locator('.admin-switch-on').click();
  await page.locator('.admin-tabs').waitFor();

  // Search: today's orders, every shopper's.
  await page.locator('.admin-search__go').click();
  await page.locator('.admin-search__count', { hasText: '共 2 笔' }).waitFor();
  for (const { orderNo } of paid) await page.locator('.admin-order', { hasText: orderNo }).waitFor();
  await shot(page, 'search');

  // Refund ¥5 of the teapot order, with a reason, through the confirm step.
  const teapot = paid[0];
  if (!teapot) throw new Error('no order');
  await page.locator('.admin-order', { hasText: teapot.orderNo }).click();
  await page.locator('.admin-order-detail').waitFor();
  await page.locator('.admin-refund__amount input').fill('5');
  await page.locator('.admin-refund__reason input').fill('少发一个杯垫');
  await page.locator('.admin-refund__go').click();
  await page.locator('.admin-confirm__text', { hasText: '确认向顾客退款 ¥5.00？原因：少发一个杯垫' }).waitFor();
  expect((await shop.storedOrder(teapot.orderNo)).refundedAmount).toBe(0);
  await shot(page, 'refund-confirm');
  await page.locator('.admin-confirm__yes').click();
  await page.locator('.admin-refund__done', { hasText: '已退款 ¥5.00' }).waitFor();
  await page.locator('.admin-order__status', { hasText: '部分退款' }).waitFor();
  expect(await shop.storedOrder(teapot.orderNo)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 500 });
  await page.locator('.admin-event', { hasText: '退款' }).first().waitFor();
  await shot(page, 'refund-done');

  // The day's summary, in yuan.
  await page.goto(`${shop.url}/#/admin/pages/console/index`);
  await page.locator('.admin-tab--summary').click();
  await page.locator('.admin-summary__go').click();
  const total = paid.reduce((sum, o) => sum + o.amount, 0);
  const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
  await page.locator('.admin-figure--paid .admin-figure__value', { hasText: yuan(total) }).waitFor();
  await expect(page.locator('.admin-figure--orders .admin-figure__value').innerText()).resolves.toBe('2');
  await expect(page.locator('.admin-figure--refunded .admin-figure__value').innerText()).resolves.toBe('¥5.00');
  await expect(page.locator('.admin-figure--net .admin-figure__value').innerText()).resolves.toBe(yuan(total - 500));
  await shot(page, 'summary');

  // Switching back leaves the browser a shopper again: the console refuses it.
  await page.locator('.admin-switch-off').click();
  await page.locator('.admin-denied').waitFor();
});
