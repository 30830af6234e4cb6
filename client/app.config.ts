// `cloud: true` is deliberately absent: Taro's AppConfig type rejects it; cloud is initialised in services/cloud.ts.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/order/index', 'pages/orders/index'],
  // The merchant console: a subpackage, so shoppers never download it (the server checks ADMIN_OPENIDS on every call).
  subPackages: [{ root: 'admin', pages: ['pages/console/index', 'pages/order/index'] }],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: 'Shop',
    navigationBarTextStyle: 'black',
  },
});
