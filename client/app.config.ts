// `cloud: true` is deliberately absent: Taro's AppConfig type rejects it; cloud is initialised in services/cloud.ts.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/order/index', 'pages/orders/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: 'Shop',
    navigationBarTextStyle: 'black',
  },
});
