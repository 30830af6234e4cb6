import type { UserConfigExport } from '@tarojs/cli';

// Development builds (`npm run dev:*`): readable output, build stats in the terminal.
export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
