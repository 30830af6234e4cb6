import type { UserConfigExport } from '@tarojs/cli';

// Production builds (`npm run build:*`), also the builds the tests run against.
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
