/** The local shop's pages as a shopper drives them in the browser (Chinese labels, the shop's classes). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { ShopProvider } from '../../../sandbox/shop';
import { startTestShop, type TestShop } from '../../support/local-shop';
import { assertChromium, openBrowser, type BrowserSession } from './chromium';

export interface BrowserShop {
  shop: TestShop;
  browser: BrowserSession;
  page: Page;
}

/**
 * One shop and one browser for the enclosing describe (the slow parts, shared); each test a new
 * shopper on the shop's home, and no page error left behind. Read the fields inside tests.
 */
export function browserShop(provider: ShopProvider): BrowserShop {
  const it = {} as BrowserShop;
  beforeAll(async () => {
    assertChromium();
    it.shop = await startTestShop(provider);
    it.browser = await openBrowser();
    it.page = it.browser.page;
  }, 300_000);
  afterAll(async () => {
    await it.browser?.close();
    await it.shop?.close();
  });
  beforeEach(() => newShopper(it.browser.context, it.page, it.shop.url));
  afterEach(() => expect(it.browser.errors).toEqual([]));
  return it;
}

export const RESULTS = path.join(__dirname, '../../../test-results');

/** A new shopper in the same browser: no identity cookie, no stored cart or attempts; the shop's home. */
export async function newShopper(context: BrowserContext, page: Page, url: string): Promise<void> {
  await context.clearCookies();
  await page.goto(`${url}/`);
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await page.locator('.product__name', { hasText: '宜兴紫砂壶' }).waitFor();
}

export const plus = (page: Page, name: string) => page.locator('.product', { hasText: name }).locator('.stepper__more').click();

/** 去结算 → 确认订单 with the server's priced order; its amount. */
export async function checkout(page: Page): Promise<string> {
  await page.locator('.cart-bar__checkout').click();
  const amount = page.locator('.confirm__amount');
  await amount.waitFor({ timeout: 20_000 });
  return amount.innerText();
}

/** Answers the subscribe dialog (if it shows) and then the payment sheet. */
export async function answerSheet(page: Page, choice: 'pay' | 'cancel', subscribe: 'allow' | 'refuse' = 'allow'): Promise<void> {
  const dialog = page.locator('.subscribe-dialog');
  const sheet = page.locator('.sandbox-cashier');
  await Promise.race([dialog.waitFor(), sheet.waitFor()]);
  if (await dialog.isVisible()) await dialog.locator(subscribe === 'allow' ? '.subscribe-dialog__accept' : '.subscribe-dialog__reject').click();
  await sheet.waitFor();
  await sheet.locator(choice === 'pay' ? '.sandbox-cashier__pay' : '.sandbox-cashier__cancel').click();
}

/** 支付结果 saying 支付成功; the order number from the address. */
export async function paidResult(page: Page): Promise<string> {
  await page.locator('.msg__title', { hasText: '支付成功' }).waitFor({ timeout: 25_000 });
  return /orderNo=([A-Za-z0-9]+)/.exec(page.url())?.[1] ?? '';
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.waitForTimeout(600); // Taro's H5 page transition (a slide) has ended
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
}

/**
 * The words on screen that are not Chinese (3+ Latin letters), leaving out the merchant's catalog
 * (product names and descriptions are data, whatever language the merchant writes them in).
 */
export async function chineseOnly(page: Page, allowed: readonly string[] = []): Promise<string[]> {
  let text = await page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.product__name, .product__description, .lines__name, .order-card__lines, .sandbox-cashier').forEach((node) => node.remove());
    return copy.innerText ?? copy.textContent ?? '';
  });
  for (const word of allowed) text = text.split(word).join('');
  return text.match(/[A-Za-z]{3,}[A-Za-z :]*/g) ?? [];
}

/** The order number this browser remembers for its newest checkout (what a reload goes back to). */
export async function rememberedOrderNo(page: Page): Promise<string> {
  const raw = await page.evaluate(() => window.localStorage.getItem('shop.attempts.v1'));
  const parsed = JSON.parse(raw ?? 'null') as { data?: unknown } | unknown[] | null;
  const list = (Array.isArray(parsed) ? parsed : (parsed)?.data) as Array<{ orderNo?: string }> | undefined;
  return list?.find((a) => a.orderNo)?.orderNo ?? '';
}
