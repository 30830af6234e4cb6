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
    node('functions', ['functions']),
  ],
};
