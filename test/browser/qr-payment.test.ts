import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { assertChromium, openBrowser, type BrowserSession } from './support/chromium';
import { startTestShop, type TestShop } from '../support/local-shop';

// Paying by QR code in a desktop browser (outside WeChat) with Caibao open.pay.scan: the shop shows
// the code, a second page opens the code's URL (the sandbox's stand-in for the wallet app that
// scanned it) and pays there; the shop shows PAID once the server has the notification.
const SCREENSHOT = path.join(__dirname, '../../test-results/local-shop-qr.png');

jest.setTimeout(60_000);

beforeAll(() => assertChromium());

describe('local shop in a browser, paying by QR code through caibao', () => {
  let shop: TestShop;
  let browser: BrowserSession;

  beforeAll(async () => {
    shop = await startTestShop('caibao');
  }, 240_000);
  afterAll(() => shop?.close());

  beforeEach(async () => {
    browser = await openBrowser();
    await browser.page.goto(`${shop.url}/`);
    await browser.page.locator('.product__name', { hasText: 'Clay teapot' }).waitFor();
  });
  afterEach(async () => {
    expect(browser.errors).toEqual([]);
    await browser.close();
  });

  const addToCart = (name: string) => browser.page.locator('.product', { hasText: name }).locator('.product__add').click();

  it('shows the QR code; paying on the page it points at makes the shop say PAID', async () => {
    const { page } = browser;
    await addToCart('Green tea');
    await addToCart('Oolong');
    await page.locator('.cart__pay-qr', { hasText: 'Pay by QR code' }).click();

    const panel = page.locator('.qr-panel');
    await panel.waitFor();
    const image = panel.locator('.qr-panel__image img');
    await image.waitFor();
    await expect(image.getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
    await expect(image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
    await expect(panel.locator('.qr-panel__amount').innerText()).resolves.toBe('¥35.50');
    const qrUrl = await panel.locator('.qr-panel__open').getAttribute('href');
    expect(qrUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/qr\//);
    const orderNo = /Order (\w+)/.exec(await panel.innerText())?.[1] ?? '';
    expect((await shop.storedOrder(orderNo)).status).toBe('PAYING');

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.setViewportSize({ width: 390, height: 1400 });
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // The wallet app: the code's URL in a second page, Pay there.
    const wallet = await browser.context.newPage();
    await wallet.goto(qrUrl!);
    await expect(wallet.locator('.amount').innerText()).resolves.toBe('¥35.50');
    await wallet.locator('#pay').click();
    await wallet.locator('#status', { hasText: 'PAY_SUC' }).waitFor();
    await wallet.close();

    await page.locator('.notice--success', { hasText: 'PAID ¥35.50' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.checkout').innerText()).toContain(`Order ${orderNo}`);
    expect(await shop.storedOrder(orderNo)).toMatchObject({ status: 'PAID', amount: 3550, method: { kind: 'qr', channel: 'wechat' } });
    await expect(page.locator('.cart__summary').innerText()).resolves.toBe('Cart: 0 items');
  });

  it('a payer who cancels on the QR page: the shop says the order was not paid', async () => {
    const { page } = browser;
    await addToCart('Tasting sample');
    await page.locator('.cart__pay-qr').click();
    const qrUrl = await page.locator('.qr-panel__open').getAttribute('href');
    const wallet = await browser.context.newPage();
    await wallet.goto(qrUrl!);
    await wallet.locator('#cancel').click();
    await wallet.locator('#status', { hasText: 'CANCEL' }).waitFor();
    await wallet.close();
    await page.locator('.checkout', { hasText: /was not paid \(CLOSED\)/ }).waitFor({ timeout: 20_000 });
    await expect(page.locator('.cart__summary').innerText()).resolves.toBe('Cart: 1 item');
  });
});
