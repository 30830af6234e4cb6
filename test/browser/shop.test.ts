import { LOCAL_PAID_TEMPLATE_ID, PROVIDERS } from '../../sandbox/shop';
import { answerSheet, browserShop, checkout, chineseOnly, paidResult, plus, rememberedOrderNo, screenshot } from './support/shop-page';

// The local sandbox shop in a real browser, in Chinese, for each provider: the H5 build, the local
// cloud running the real functions, the provider sandbox and the sandbox WeChat cashier, end to end.
// One shop and one browser per provider; each test is a new shopper (cookies and storage cleared).
jest.setTimeout(90_000);

/** The provider credentials among the functions' settings (keys, auth values), whatever the provider. */
function secretValues(env: Record<string, string>): string[] {
  return Object.entries(env)
    .filter(([name]) => /KEY|AUTH|SECRET|TOKEN/.test(name) && !/PUBLIC/.test(name))
    .map(([, value]) => value)
    .filter((value) => value.length >= 8);
}

describe.each(PROVIDERS)('local shop in a browser, paying through %s', (provider) => {
  const at = browserShop(provider);
  const shots = provider === 'tencent'; // Tencent's 32-character order numbers are the longest

  it('pays: 确认订单 shows the server’s quote, the tap asks for the subscription and makes the order, 支付结果 says 支付成功, the cart empties, the message arrives', async () => {
    const { page, shop } = at;
    const bodies: string[] = [];
    page.on('response', (response) => void response.text().then((text) => bodies.push(text), () => undefined));
    const subscribed: string[] = [];
    page.on('request', (request) => void (new URL(request.url()).pathname === '/openapi/subscribe' && subscribed.push(request.postData() ?? '')));
    const { total: ordersBefore } = await shop.cloud.database().collection('orders').count();
    await plus(page, '西湖龙井');
    await plus(page, '西湖龙井');
    await plus(page, '安溪铁观音');
    await expect(page.locator('.cart-bar__total').innerText()).resolves.toBe('¥47.50');
    await expect(page.locator('.product__badge').allInnerTexts()).resolves.toEqual(['2', '1']);
    if (shots) await screenshot(page, 'shop-home');
    expect(await chineseOnly(page)).toEqual([]);

    await expect(checkout(page)).resolves.toBe('¥47.50');
    await expect(page.locator('.lines__name').allInnerTexts()).resolves.toEqual(['西湖龙井', '安溪铁观音']);
    // A quote: no order (nor its time limit) until the shopper pays.
    await expect(page.locator('.confirm__countdown').count()).resolves.toBe(0);
    await expect(shop.cloud.database().collection('orders').count()).resolves.toMatchObject({ total: ordersBefore });
    if (shots) await screenshot(page, 'shop-confirm');
    await page.locator('.confirm__pay').click();
    await page.locator('.subscribe-dialog').waitFor();
    if (shots) await screenshot(page, 'shop-subscribe');
    await page.locator('.subscribe-dialog__accept').click();
    // The sheet names the shop in Chinese (SHOP_NAME's default) before the items.
    await expect(page.locator('.sandbox-cashier__description').innerText()).resolves.toMatch(/^小店 - 西湖龙井/);
    await expect(page.locator('.sandbox-cashier__amount').innerText()).resolves.toBe('¥47.50');
    if (shots) await screenshot(page, 'shop-sheet');
    await answerSheet(page, 'pay');
    // 允许 reached the local cloud's stand-in for wx.requestSubscribeMessage, with the shop's template.
    expect(subscribed.map((body) => JSON.parse(body) as unknown)).toEqual([{ tmplIds: [LOCAL_PAID_TEMPLATE_ID] }]);

    const orderNo = await paidResult(page);
    await expect(page.locator('.result__amount').innerText()).resolves.toBe('¥47.50');
    if (shots) await screenshot(page, 'shop-result');
    const { openid } = await shop.storedOrder(orderNo);
    expect(await shop.storedOrder(orderNo)).toMatchObject({ status: 'PAID', amount: 4750, provider });

    await page.locator('.result__view').click();
    await page.locator('.status-head__title', { hasText: '已支付' }).waitFor();
    await expect(page.locator('.order-no__value').innerText()).resolves.toBe(orderNo);
    if (shots) await screenshot(page, 'shop-order-paid');
    expect(await chineseOnly(page, [orderNo])).toEqual([]);

    await page.goto(`${shop.url}/`);
    await page.locator('.cart-bar__empty', { hasText: '购物车是空的' }).waitFor();

    // The server sent the "payment succeeded" message the shopper allowed, and the local cloud
    // delivered it (errcode 0, not 43101 "not subscribed"); the local shop's 服务通知 shows it.
    const sent = shop.cloud.subscribeMessages.forUser(openid);
    expect(sent).toEqual([expect.objectContaining({ templateId: LOCAL_PAID_TEMPLATE_ID, errCode: 0, page: `pages/order/index?orderNo=${orderNo}` })]);
    await page.goto(`${shop.url}/messages`);
    const notice = page.locator('li', { hasText: orderNo });
    await expect(notice.innerText()).resolves.toContain('已送达');
    await expect(notice.innerText()).resolves.toContain('¥47.50');
    if (shots) await screenshot(page, 'shop-messages');

    // Nothing the browser received carries a provider secret; neither do the functions' logs.
    const secrets = secretValues(shop.functionEnv);
    expect(secrets.length).toBeGreaterThan(0);
    expect(bodies.length).toBeGreaterThan(5);
    for (const secret of secrets) {
      expect(bodies.filter((body) => body.includes(secret))).toEqual([]);
      expect(shop.logs.filter((line) => line.includes(secret))).toEqual([]);
    }
  });

  it('a cancelled sheet leaves the order 待付款; 去支付 in 我的订单 pays that same order', async () => {
    const { page, shop } = at;
    await plus(page, '宜兴紫砂壶');
    await checkout(page);
    await page.locator('.confirm__pay').click();
    await answerSheet(page, 'cancel', 'refuse');
    await page.locator('.tips__text', { hasText: '支付已取消' }).waitFor();
    await expect(page.locator('.confirm__pay').innerText()).resolves.toBe('继续支付');
    const made = await rememberedOrderNo(page);
    expect(made).not.toBe('');

    await page.goto(`${shop.url}/#/pages/orders/index`);
    const card = page.locator('.order-card', { hasText: '宜兴紫砂壶' });
    await card.locator('.status-badge', { hasText: '待付款' }).waitFor();
    if (shots) await screenshot(page, 'shop-orders-unpaid');
    await card.locator('.order-card__pay').click();
    await answerSheet(page, 'pay');
    await expect(paidResult(page)).resolves.toBe(made);
    expect(await shop.storedOrder(made)).toMatchObject({ status: 'PAID', amount: 16800 });
  });
});
