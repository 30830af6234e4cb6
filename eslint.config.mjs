// ESLint 9 flat config for the whole repository: correctness rules only, no formatting opinions.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

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
);
