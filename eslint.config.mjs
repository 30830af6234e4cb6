// ESLint 9 flat config for the whole repository: correctness rules only, no formatting opinions.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * A provider sandbox is an independent witness: nothing under sandbox/<provider>/ imports the
 * adapter (server/gateways/**), except that provider's one assumptions file, shared on purpose.
 * Low-level primitives (server/platform/) stay allowed. Provider sandboxes = the folders of
 * sandbox/ other than the shared ones, so a new provider's sandbox is covered without an edit here.
 */
const SHARED_SANDBOX_FOLDERS = new Set(['common', 'cloud', 'shop']);
const providerSandboxes = readdirSync(new URL('./sandbox', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !SHARED_SANDBOX_FOLDERS.has(entry.name))
  .map((entry) => entry.name);

const independentSandboxes = providerSandboxes.map((provider) => ({
  files: [`sandbox/${provider}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `(^|/)server/gateways(?!/${provider}/assumptions$)(/|$)`,
            message: `sandbox/${provider} is an independent witness: it may import only server/gateways/${provider}/assumptions (and server/platform/ primitives).`,
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-h5/**',
      'coverage/**',
      'node_modules/**',
      'cloudfunctions/*/index.js', // bundled output, see cloudfunctions/
      'cloudfunctions/*/node_modules/**',
      '.local/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  // Type-aware rules catch what matters in payment code: floating promises, misused promises, unsafe `any`.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      // `_` prefixed names are the usual way to say "intentionally unused".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Handlers are often async to satisfy an interface (fastify routes, gateway methods) without awaiting.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Plain JavaScript (config files, jest helpers): no type information to check against.
    files: ['**/*.{js,cjs,mjs}'],
    ...tseslint.configs.disableTypeChecked,
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}', 'test/client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests poke at untyped JSON responses and pass methods to expect(); production code may not.
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  ...independentSandboxes,
);
