// `cloud: true` is deliberately absent: Taro's AppConfig type rejects it; cloud is initialised in services/cloud.ts.
// Subpackages (e.g. the merchant console) add their own entry to `subPackages`.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/orders/index', 'pages/order/index', 'pages/confirm/index', 'pages/result/index'],
  // The merchant console: a subpackage, so shoppers never download it (the server checks ADMIN_OPENIDS on every call).
  subPackages: [{ root: 'admin', pages: ['pages/console/index', 'pages/order/index'] }],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#ededed',
    navigationBarBackgroundColor: '#ededed',
    navigationBarTitleText: '小店',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#7f7f7f',
    selectedColor: '#07c160',
    backgroundColor: '#f7f7f7',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/orders/index', text: '我的订单' },
    ],
  },
  style: 'v2',
  sitemapLocation: 'sitemap.json',
  lazyCodeLoading: 'requiredComponents',
  // H5 only (the local shop): no sliding page transitions. Taro 4.2's H5 router shades a page it
  // hides on a timer that its showing again does not cancel, so going back within the animation
  // (e.g. back while the payment sheet is open) left 首页 blank. WeChat has no such app.json field.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
});
