// Used by Taro's webpack build only (jest uses @swc/jest, see jest.config.js).
// Options: https://docs.taro.zone/docs/next/babel-config
// The local shop's H5 build (LOCAL_SHOP_BUILD=1, config/local-shop.ts) is opened in a current
// browser: it skips the ES5 transforms the mini program's targets need, for a faster first `npm start`.
const localShop = process.env.LOCAL_SHOP_BUILD === '1';

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(localShop ? { targets: 'chrome >= 87, edge >= 88, firefox >= 78, safari >= 14', ignoreBrowserslistConfig: true } : {}),
      },
    ],
  ],
};
