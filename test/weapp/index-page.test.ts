import { launchWeapp, type WeappApp } from '../support/weapp';

// The shop home page as compiled for WeChat (dist/), rendered and tapped through Taro's runtime.
describe('compiled mini program: shop home page', () => {
  let app: WeappApp | undefined;
  afterEach(() => app?.close());

  const openHome = async () => {
    app = await launchWeapp();
    return { app, page: await app.open('pages/index/index') };
  };

  it('is the first page of the app', async () => {
    const launched = await launchWeapp();
    app = launched;
    expect(launched.pages[0]).toBe('pages/index/index');
  });

  it('renders the title, the intro and an empty cart', async () => {
    const { page } = await openHome();

    expect(page.text(page.byClass('shop-home__title'))).toBe('Mini Shop');
    expect(page.text(page.byClass('shop-home__intro'))).toBe('Pick something nice and pay with WeChat.');
    expect(page.text(page.byClass('shop-home__cart'))).toBe('Cart: 0 items');
    expect(page.byClass('shop-home__add').tag).toBe('button');
  });

  it('updates the cart when the button is tapped', async () => {
    const { page } = await openHome();
    const rendersBefore = page.renders;

    await page.tap(page.byClass('shop-home__add'));
    expect(page.text(page.byClass('shop-home__cart'))).toBe('Cart: 1 item');
    expect(page.renders).toBeGreaterThan(rendersBefore);

    await page.tap(page.byClass('shop-home__add'));
    expect(page.text(page.byClass('shop-home__cart'))).toBe('Cart: 2 items');
  });

  it('refuses a tap that nothing on the page listens to', async () => {
    const { page } = await openHome();

    await expect(page.tap(page.byClass('shop-home__title'))).rejects.toThrow('reaches no tap handler');
    expect(page.text(page.byClass('shop-home__cart'))).toBe('Cart: 0 items');
  });
});
