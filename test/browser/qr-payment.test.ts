import { browserShop, checkout, paidResult, plus, screenshot } from './support/shop-page';

// Paying by QR code in a desktop browser (outside WeChat) with Caibao open.pay.scan: 确认订单 offers
// 扫码支付, a second page opens the code's URL (the sandbox's stand-in for the wallet app that
// scanned it) and pays there; 支付结果 says 支付成功 once the server has the notification.
jest.setTimeout(90_000);

describe('local shop in a browser, paying by QR code through caibao', () => {
  const at = browserShop('caibao');

  async function showQr(): Promise<{ orderNo: string; qrUrl: string }> {
    const { page } = at;
    await page.locator('.confirm__pay-qr', { hasText: '扫码支付' }).click();
    const panel = page.locator('.qr-panel');
    const image = panel.locator('.qr-panel__image img');
    await image.waitFor();
    await expect(image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
    const qrUrl = (await panel.locator('.qr-panel__open').getAttribute('href')) ?? '';
    return { orderNo: await panel.locator('.order-no__value').innerText(), qrUrl };
  }

  /** The sandbox wallet page (in Chinese, as WeChat's own): 立即支付 (#pay) or 取消 (#cancel), then the status it shows. */
  async function wallet(qrUrl: string, action: '#pay' | '#cancel', status: '支付成功' | '已取消'): Promise<void> {
    const { browser } = at;
    const app = await browser.context.newPage();
    await app.goto(qrUrl);
    await app.locator(action).click();
    await app.locator('#status', { hasText: status }).waitFor();
    await app.close();
  }

  it('shows the QR code; paying on the page it points at makes 支付结果 say 支付成功 and empties the cart', async () => {
    const { page, shop } = at;
    await plus(page, '西湖龙井');
    await plus(page, '安溪铁观音');
    await checkout(page);
    const { orderNo, qrUrl } = await showQr();
    await expect(page.locator('.qr-panel__amount').innerText()).resolves.toBe('¥35.50');
    await expect(page.locator('.qr-panel__hint').innerText()).resolves.toBe('请使用微信扫一扫完成支付，支付成功后本页自动更新。');
    expect(qrUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/qr\//);
    const { status, openid } = await shop.storedOrder(orderNo);
    expect(status).toBe('PAYING');
    // 确认订单 made no order of its own (a quote): 扫码支付 made the shopper's one and only order.
    const { data } = await shop.cloud.database().collection('orders').where({ openid }).get();
    const unpaid = (data as unknown as Array<{ orderNo: string; status: string }>).filter((o) => o.status === 'PAYING');
    expect({ orders: data.length, unpaid: unpaid.map((o) => o.orderNo) }).toEqual({ orders: 1, unpaid: [orderNo] });
    await screenshot(page, 'shop-qr');

    await wallet(qrUrl, '#pay', '支付成功');
    await expect(paidResult(page)).resolves.toBe(orderNo);
    expect(await shop.storedOrder(orderNo)).toMatchObject({ status: 'PAID', amount: 3550, method: { kind: 'qr', channel: 'wechat' } });
    await page.locator('.result__home').click();
    await page.locator('.cart-bar__empty', { hasText: '购物车是空的' }).waitFor();
  });

  it('去支付 in 我的订单 on a QR order shows its code at once (no second tap), asking no subscription (as 扫码支付); paying there makes 支付结果 say 支付成功', async () => {
    const { page, shop } = at;
    await plus(page, '安溪铁观音');
    await checkout(page);
    const { orderNo } = await showQr();
    await page.locator('.qr-panel__stop').click();
    await page.locator('.confirm__countdown').waitFor();
    await page.goto(`${shop.url}/#/pages/orders/index`);
    // A QR order is paid outside the mini program, whose 服务通知 the subscribe message is for: 扫码支付
    // never asks, and neither does 去支付 on its order (it asked before).
    const subscribed: string[] = [];
    const listen = (request: { url(): string }) => void (new URL(request.url()).pathname === '/openapi/subscribe' && subscribed.push(request.url()));
    page.on('request', listen);
    await page.locator('.order-card', { hasText: '安溪铁观音' }).locator('.order-card__pay').click();
    const panel = page.locator('.qr-panel');
    await panel.locator('.qr-panel__image img').waitFor();
    page.off('request', listen);
    expect({ dialog: await page.locator('.subscribe-dialog').count(), subscribed }).toEqual({ dialog: 0, subscribed: [] });
    await expect(panel.locator('.order-no__value').innerText()).resolves.toBe(orderNo);
    await screenshot(page, 'shop-qr-from-orders');
    await wallet((await panel.locator('.qr-panel__open').getAttribute('href')) ?? '', '#pay', '支付成功');
    await expect(paidResult(page)).resolves.toBe(orderNo);
  });

  it('the shop’s pages and the wallet page load without a failed request or a console error (no /favicon.ico 404)', async () => {
    const { page, browser, shop } = at;
    const failures: string[] = [];
    const watch = (tab: typeof page) => {
      tab.on('console', (message) => void (message.type() === 'error' && failures.push(`console: ${message.text()}`)));
      tab.on('response', (response) => void (response.status() >= 400 && failures.push(`${response.status()} ${new URL(response.url()).pathname}`)));
    };
    watch(page);
    await page.goto(`${shop.url}/#/pages/orders/index`);
    await page.locator('.empty__text, .order-card').first().waitFor();
    await page.goto(`${shop.url}/`);
    await plus(page, '试饮装');
    await checkout(page);
    const { qrUrl } = await showQr();
    const app = await browser.context.newPage();
    watch(app);
    await app.goto(qrUrl);
    await app.locator('#status', { hasText: '待支付' }).waitFor();
    await app.waitForTimeout(1000); // the browser asks for an icon after the page has loaded
    await app.close();
    await page.locator('.qr-panel__stop').click();
    await page.locator('.confirm__countdown').waitFor();
    expect(failures).toEqual([]);
  });

  it('a payer who cancels on the QR page: 支付结果 says the order was cancelled, the cart keeps its items', async () => {
    const { page } = at;
    await plus(page, '试饮装');
    await checkout(page);
    const { qrUrl } = await showQr();
    await wallet(qrUrl, '#cancel', '已取消');
    await page.locator('.msg__title', { hasText: '订单已取消' }).waitFor({ timeout: 25_000 });
    await page.locator('.result__home').click();
    await page.locator('.cart-bar__checkout', { hasText: '去结算(1)' }).waitFor();
  });
});
