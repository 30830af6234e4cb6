// Runs the built mini program (dist/) in Node. Typical use:
//
//   const app = await launchWeapp({ wx: { cloud: fakeCloud, requestPayment: fakePay } });
//   const page = await app.open('pages/index/index');
//   await page.tap(page.byClass('shop-home__add'));
//   expect(page.text(page.byClass('shop-home__cart'))).toBe('Cart: 1 item');
//   await page.pullDownRefresh(); // onPullDownRefresh, if the page's JSON enables pull-down refresh
//   app.close();
//
// Build first: `npm run build:weapp`. A missing or outdated dist/ fails with that hint.
export { launchWeapp, type LaunchOptions, type WeappApp, type WeappPage } from './harness';
export { textOf, findAll, hasClass, type RenderedNode } from './tree';
export { waitUntil } from './wait';
