import { resolve } from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import localShopConfig, { localShopWebpackChain } from './local-shop';
import prodConfig from './prod';

// Each platform gets its own output folder so a weapp build and an H5 build never overwrite each other.
// project.config.json (WeChat DevTools) points at dist/; the local shop serves dist-h5/.
const outputRoot = process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist';
// The local shop's flavour of the H5 build (config/local-shop.ts), asked for by sandbox/shop/h5-build.ts.
const localShop = process.env.TARO_ENV === 'h5' && process.env.LOCAL_SHOP_BUILD === '1';

// The shared API definitions (api/, outside sourceRoot) are compiled like the client's own code.
const compile = { include: [resolve(__dirname, '..', 'api')] };

export default defineConfig<'webpack5'>((merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wechat-mini-pay',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'client',
    outputRoot,
    plugins: [],
    defineConstants: {},
    // Build-time settings of the client (client/config.ts).
    env: { PAID_MESSAGE_TEMPLATE_ID: JSON.stringify(process.env.PAID_MESSAGE_TEMPLATE_ID ?? '') },
    copy: { patterns: process.env.TARO_ENV === 'h5' ? [] : [{ from: 'client/sitemap.json', to: `${outputRoot}/sitemap.json` }], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile,
      publicPath: '/',
      staticDirectory: 'static',
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Taro + React alone weigh ~300 KiB; warn only when the shop grows well past that.
        chain.performance.maxEntrypointSize(512 * 1024).maxAssetSize(512 * 1024);
        if (localShop) localShopWebpackChain(chain);
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  if (localShop) {
    return merge({}, baseConfig, prodConfig, localShopConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
