import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROVIDERS } from '../../sandbox/shop';
import { assertChromium, openBrowser, type BrowserSession } from './support/chromium';
import { startTestShop, type TestShop } from '../support/local-shop';

// The local sandbox shop in a real browser, for each provider: the H5 build, the local cloud running
// the real functions, the provider sandbox and the sandbox WeChat cashier, end to end.
const SCREENSHOT = path.join(__dirname, '../../test-results/local-shop-paid.png');

jest.setTimeout(60_000);

/** The provider credentials among the functions' settings (keys, auth values), whatever the provider. */
function secretValues(env: Record<string, string>): string[] {
  return Object.entries(env)
    .filter(([name]) => /KEY|AUTH|SECRET|TOKEN/.test(name) && !/PUBLIC/.test(name))
    .map(([, value]) => value)
    .filter((value) => value.length >= 8);
}

const addToCartOf = (page: Page, name: string) => page.locator('.product', { hasText: name }).locator('.product__add').click();

beforeAll(() => assertChromium());

describe.each(PROVIDERS)('local shop in a browser, paying through %s', (provider) => {
  let shop: TestShop;
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    shop = await startTestShop(provider);
  }, 240_000);
  afterAll(() => shop?.close());

  beforeEach(async () => {
    browser = await openBrowser();
    page = browser.page;
    await page.goto(`${shop.url}/`);
    await page.locator('.product__name', { hasText: 'Clay teapot' }).waitFor();
  });
  afterEach(async () => {
    expect(browser.errors).toEqual([]);
    await browser.close();
  });

  const addToCart = (name: string) => addToCartOf(page, name);
  const checkoutText = () => page.locator('.checkout').innerText();
  const orderNoShown = async () => /Order (\w+)/.exec(await checkoutText())?.[1] ?? '';

  it('pays for a cart at the sandbox cashier and shows PAID once the server says so', async () => {
    const bodies: string[] = [];
    page.on('response', (response) => {
      void response.text().then((text) => bodies.push(text), () => undefined);
    });
    await addToCart('Green tea');
    await addToCart('Green tea');
    await addToCart('Oolong');
    await expect(page.locator('.cart__total').innerText()).resolves.toBe('¥47.50');

    await page.locator('.cart__pay').click();
    const sheet = page.locator('.sandbox-cashier');
    await sheet.waitFor();
    await expect(sheet.locator('.sandbox-cashier__amount').innerText()).resolves.toBe('¥47.50');
    await sheet.locator('.sandbox-cashier__pay').click();

    await page.locator('.notice--success', { hasText: 'PAID ¥47.50' }).waitFor({ timeout: 20_000 });
    const orderNo = await orderNoShown();
    const stored = await shop.storedOrder(orderNo);
    expect(stored).toMatchObject({ status: 'PAID', amount: 4750, provider });
    await expect(page.locator('.cart__summary').innerText()).resolves.toBe('Cart: 0 items');
    if (provider === 'quickpay') {
      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      // The whole shop in one picture: a tall phone, scrolled to the top.
      await page.setViewportSize({ width: 390, height: 1200 });
      await page.locator('.shop-home__title').scrollIntoViewIfNeeded();
      await page.screenshot({ path: SCREENSHOT });
    }

    await page.locator('.checkout__view').click();
    const details = page.locator('.order-page');
    await details.locator('.status-badge', { hasText: 'PAID' }).waitFor();
    await expect(details.locator('.order__line').allInnerTexts()).resolves.toEqual(['Green tea ×2\n¥24.00', 'Oolong ×1\n¥23.50', 'Total\n¥47.50']);
    await details.locator('.back-to-shop').click();

    await page.locator('.shop-home__orders').click();
    const card = page.locator('.order-card', { hasText: orderNo });
    await card.waitFor();
    await expect(card.locator('.status-badge').innerText()).resolves.toBe('PAID');
    await expect(card.locator('.order-card__amount').innerText()).resolves.toBe('¥47.50');

    // Nothing the browser received carries a provider secret; neither do the functions' logs.
    const secrets = secretValues(shop.functionEnv);
    expect(secrets.length).toBeGreaterThan(0);
    expect(bodies.length).toBeGreaterThan(5);
    for (const secret of secrets) {
      expect(bodies.filter((body) => body.includes(secret))).toEqual([]);
      expect(shop.logs.filter((line) => line.includes(secret))).toEqual([]);
    }
  });

  it('cancelling at the cashier leaves the order unpaid; the shopper cancels it, and my orders says so', async () => {
    await addToCart('Tasting sample');
    await page.locator('.cart__pay').click();
    await page.locator('.sandbox-cashier__cancel').click();

    await page.locator('.checkout', { hasText: 'Payment cancelled' }).waitFor();
    const orderNo = await orderNoShown();
    expect(['PAYING', 'CREATED']).toContain((await shop.storedOrder(orderNo)).status);
    await expect(page.locator('.cart__summary').innerText()).resolves.toBe('Cart: 1 item');

    await page.locator('.checkout__cancel-order').click();
    await page.locator('.checkout', { hasText: `Order ${orderNo} was not paid (CLOSED)` }).waitFor();
    expect((await shop.storedOrder(orderNo)).status).toBe('CLOSED');

    await page.locator('.shop-home__orders').click();
    const card = page.locator('.order-card', { hasText: orderNo });
    await card.waitFor();
    await expect(card.locator('.status-badge').innerText()).resolves.toBe('Cancelled');
  });

  it('after cancelling at the cashier, Pay again pays the same order', async () => {
    await addToCart('Clay teapot');
    await page.locator('.cart__pay').click();
    await page.locator('.sandbox-cashier__cancel').click();
    await page.locator('.checkout', { hasText: 'Payment cancelled' }).waitFor();
    const orderNo = await orderNoShown();

    await page.locator('.checkout__pay-again').click();
    await page.locator('.sandbox-cashier__pay').click();
    await page.locator('.notice--success', { hasText: 'PAID ¥168.00' }).waitFor({ timeout: 20_000 });
    expect(await orderNoShown()).toBe(orderNo);
    expect((await shop.storedOrder(orderNo)).status).toBe('PAID');
  });
});

describe('my orders in a browser', () => {
  let shop: TestShop;
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    shop = await startTestShop('quickpay');
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  it('pages through the shopper’s orders, newest first, and cancels an unpaid one there', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${shop.url}/`);
    await page.locator('.product__name', { hasText: 'Clay teapot' }).waitFor();
    const addToCart = addToCartOf;
    const orderNos: string[] = [];
    // 11 orders (one more than a page), each for a different cart, each cancelled at the cashier.
    for (let i = 0; i < 11; i += 1) {
      await addToCart(page, i < 10 ? 'Green tea' : 'Tasting sample');
      await page.locator('.cart__pay').click();
      await page.locator('.sandbox-cashier__cancel').click();
      const previous = orderNos[orderNos.length - 1];
      await page.locator('.checkout', { hasText: 'Payment cancelled', ...(previous ? { hasNotText: previous } : {}) }).waitFor();
      orderNos.push(/Order (\w+)/.exec(await page.locator('.checkout').innerText())?.[1] ?? '');
    }
    expect(new Set(orderNos).size).toBe(11);

    await page.locator('.shop-home__orders').click();
    await page.locator('.orders__count', { hasText: '10 of 11' }).waitFor();
    await expect(page.locator('.order-card__no').first().innerText()).resolves.toBe(orderNos[10]);
    await page.locator('.orders__more').click();
    await page.locator('.orders__count', { hasText: '11 of 11' }).waitFor();
    await expect(page.locator('.orders__more').count()).resolves.toBe(0);

    const oldest = page.locator('.order-card', { hasText: orderNos[0] });
    await oldest.locator('.order-card__cancel').click();
    await oldest.locator('.status-badge', { hasText: 'Cancelled' }).waitFor();
    expect((await shop.storedOrder(orderNos[0]!)).status).toBe('CLOSED');
    expect(browser.errors).toEqual([]);
  });
});
