import { launchWeapp, waitUntil, type WeappApp, type WeappPage } from '../support/weapp';
import { startTestShop, type TestShop } from '../support/local-shop';
import { localWx } from './support/local-wx';
import { addButtonOf } from './support/shop-page';

// The shop home page as compiled for WeChat (dist/), rendered and tapped through Taro's runtime,
// its catalog coming from the real `catalog` function on the local cloud.
describe('compiled mini program: shop home page', () => {
  let shop: TestShop;
  let app: WeappApp | undefined;
  beforeAll(async () => {
    shop = await startTestShop('quickpay', { serveH5: false });
  });
  afterAll(() => shop.close());
  afterEach(() => app?.close());

  const openHome = async (): Promise<{ app: WeappApp; page: WeappPage }> => {
    app = await launchWeapp({ wx: localWx(shop, 'o_weapp_home').wx });
    const page = await app.open('pages/index/index');
    await waitUntil(page, () => page.findAll((n) => n.className.includes('product__name')).length > 0, 'the catalog');
    return { app, page };
  };

  it('is the first page of the app, with the order pages after it', async () => {
    const launched = await launchWeapp({ wx: localWx(shop, 'o_weapp_home').wx });
    app = launched;
    expect(launched.pages).toEqual(['pages/index/index', 'pages/order/index', 'pages/orders/index']);
  });

  it('renders the title, the intro, the catalog priced from fen, and an empty cart', async () => {
    const { page } = await openHome();

    expect(page.text(page.byClass('shop-home__title'))).toBe('Mini Shop');
    expect(page.text(page.byClass('shop-home__intro'))).toBe('Pick something nice and pay with WeChat.');
    expect(page.text(page.byClass('cart__summary'))).toBe('Cart: 0 items');
    const names = page.findAll((n) => n.className === 'product__name').map((n) => page.text(n));
    expect(names).toEqual(['Green tea', 'Oolong', 'Clay teapot', 'Tea cups (4)', 'Tasting sample']);
    expect(page.text()).toContain('¥168.00');
    expect(page.text(addButtonOf(page, 'Tea cups'))).toBe('Sold out');
  });

  it('updates the cart when Add is tapped', async () => {
    const { page } = await openHome();
    const rendersBefore = page.renders;

    await page.tap(addButtonOf(page, 'Green tea'));
    expect(page.text(page.byClass('cart__summary'))).toBe('Cart: 1 item');
    expect(page.renders).toBeGreaterThan(rendersBefore);

    await page.tap(addButtonOf(page, 'Green tea'));
    expect(page.text(page.byClass('cart__summary'))).toBe('Cart: 2 items');
    expect(page.text(page.byClass('cart__total'))).toBe('¥24.00');
  });

  it('refuses a tap that nothing on the page listens to', async () => {
    const { page } = await openHome();

    await expect(page.tap(page.byClass('shop-home__title'))).rejects.toThrow('reaches no tap handler');
    expect(page.text(page.byClass('cart__summary'))).toBe('Cart: 0 items');
  });
});
