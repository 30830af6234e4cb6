// One jest run, one project per kind of test. Each project picks its tests by folder.
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

const node = (displayName, roots, extra = {}) => ({
  displayName,
  testEnvironment: 'node',
  transform,
  testMatch: roots.map((r) => `<rootDir>/test/${r}/**/*.test.ts?(x)`),
  ...extra,
});

module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    node('unit', ['unit']),
    node('contract', ['contract']),
    node('functions', ['functions'], {
      // Each test runs real functions against in-process provider sandboxes over loopback; jest's 5 s
      // default is exceeded on a busy 2-core machine. A hang still fails, 20 s later.
      setupFilesAfterEnv: ['<rootDir>/test/functions/support/timeout.ts'],
      // The function code imports wx-server-sdk unchanged; here it runs on the local cloud (sandbox/cloud).
      moduleNameMapper: { '^wx-server-sdk$': '<rootDir>/sandbox/cloud/sdk.ts' },
    }),
    node('client', ['client'], {
      testEnvironment: 'jsdom',
      // Taro's components and API exist only inside a Taro runtime: component tests render DOM doubles.
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/test/client/doubles/components.tsx',
        '^@tarojs/taro$': '<rootDir>/test/client/doubles/taro.ts',
      },
    }),
    // Runs the BUILT mini program (dist/, `npm run build:weapp`) in Node; see test/support/weapp/.
    node('weapp', ['weapp'], {
      // The pay-flow tests run the real functions on the local cloud in-process.
      moduleNameMapper: { '^wx-server-sdk$': '<rootDir>/sandbox/cloud/sdk.ts' },
    }),
    // A smaller run of `npm run soak` (soak/): storm, fault matrix, fuzzing, secret scan on the local cloud.
    node('soak', ['soak'], {
      moduleNameMapper: { '^wx-server-sdk$': '<rootDir>/sandbox/cloud/sdk.ts' },
    }),
    // The local sandbox shop (H5 build, built when stale) in Debian's chromium; see test/browser/support/.
    node('browser', ['browser'], {
      moduleNameMapper: { '^wx-server-sdk$': '<rootDir>/sandbox/cloud/sdk.ts' },
    }),
  ],
};
