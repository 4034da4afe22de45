// @ts-check
/**
 * Lint for TypeScript and Astro components: typescript-eslint's recommended rules with type
 * information, eslint-plugin-astro's recommended rules, and nothing that Prettier decides
 * (eslint-config-prettier turns those off). `npm run lint` allows no warnings.
 */
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'dist-pages/', '.astro/', '.wrangler/', 'node_modules/', 'test-results/', 'src/diagrams/cache/', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter a signature requires).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  prettier,
);
