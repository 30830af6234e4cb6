import { launchWeapp, waitUntil, type WeappApp, type WeappPage } from '../support/weapp';
import { startTestShop, type TestShop } from '../support/local-shop';
import { localWx } from './support/local-wx';
import { plusOf, textOfClass } from './support/shop-page';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// 首页 as compiled for WeChat (dist/), rendered and tapped through Taro's runtime, its catalog coming
// from the real `catalog` function on the local cloud.
describe('compiled mini program: 首页', () => {
  let shop: TestShop;
  let app: WeappApp | undefined;
  beforeAll(async () => {
    shop = await startTestShop('quickpay', { serveH5: false });
  });
  afterAll(() => shop.close());
  afterEach(() => app?.close());

  const openHome = async (): Promise<{ app: WeappApp; page: WeappPage; wx: ReturnType<typeof localWx> }> => {
    const wx = localWx(shop, 'o_weapp_home');
    app = await launchWeapp({ wx: wx.wx });
    const page = await app.open('pages/index/index');
    await waitUntil(page, () => page.findAll((n) => n.className.includes('product__name')).length > 0, 'the catalog');
    return { app, page, wx };
  };

  it('declares the pages, the tabBar, style v2, the sitemap and lazy code loading', async () => {
    const launched = await launchWeapp({ wx: localWx(shop, 'o_weapp_home').wx });
    app = launched;
    expect(launched.pages).toEqual(['pages/index/index', 'pages/orders/index', 'pages/order/index', 'pages/confirm/index', 'pages/result/index']);
    const dist = path.join(__dirname, '../../dist');
    const appJson = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8'));
    expect(appJson).toMatchObject({
      style: 'v2',
      sitemapLocation: 'sitemap.json',
      lazyCodeLoading: 'requiredComponents',
      tabBar: { list: [{ pagePath: 'pages/index/index', text: '首页' }, { pagePath: 'pages/orders/index', text: '我的订单' }] },
    });
    expect(JSON.parse(readFileSync(path.join(dist, 'sitemap.json'), 'utf8')).rules).toContainEqual({ action: 'disallow', page: 'pages/order/index' });
    for (const [page, title] of [['index', '小店'], ['orders', '我的订单'], ['order', '订单详情'], ['confirm', '确认订单'], ['result', '支付结果']]) {
      expect(JSON.parse(readFileSync(path.join(dist, `pages/${page}/index.json`), 'utf8')).navigationBarTitleText).toBe(title);
    }
  });

  it('renders the catalog priced from fen, a sold-out product, and an empty bar', async () => {
    const { page } = await openHome();
    const names = page.findAll((n) => n.className === 'product__name').map((n) => page.text(n));
    expect(names).toEqual(['西湖龙井', '安溪铁观音', '宜兴紫砂壶', '品茗杯（4只）', '试饮装']);
    expect(page.text()).toContain('¥168.00');
    expect(textOfClass(page, 'product__note')).toBe('已售罄');
    expect(textOfClass(page, 'cart-bar__empty')).toBe('购物车是空的');
    expect(page.byClass('cart-bar__checkout').className).toContain('btn--disabled');
  });

  it('the stepper fills the cart: badge, total and 去结算(n) follow', async () => {
    const { page, wx } = await openHome();
    await page.tap(plusOf(page, '西湖龙井'));
    await page.tap(plusOf(page, '西湖龙井'));
    expect(textOfClass(page, 'product__badge')).toBe('2');
    expect(textOfClass(page, 'cart-bar__total')).toBe('¥24.00');
    expect(textOfClass(page, 'cart-bar__checkout')).toBe('去结算(2)');
    await page.tap(page.byClass('cart-bar__checkout'));
    expect(wx.navigations).toEqual(['/pages/confirm/index']);
  });

  it('refuses a tap that nothing on the page listens to', async () => {
    const { page } = await openHome();
    await expect(page.tap(page.findAll((n) => n.className === 'product__name')[0]!)).rejects.toThrow('reaches no tap handler');
  });
});
