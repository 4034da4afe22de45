// @ts-check
/**
 * Lint for TypeScript and Astro components: typescript-eslint's recommended rules checked with
 * type information (https://typescript-eslint.io/getting-started/typed-linting/),
 * eslint-plugin-astro's recommended rules, and nothing that Prettier decides (eslint-config-prettier
 * turns those off). `npm run lint` allows no warnings.
 *
 * Globals follow where the code runs, so browser code cannot reach for `process` and build code
 * cannot reach for `document` without the linter saying so.
 */
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Code that runs in the reader's browser. */
const BROWSER = ['src/client/**', 'src/identity/**/*.ts', 'src/inspector/**', 'src/policy/**'];
/** Code that runs in a Cloudflare Worker (the gate, the Worker entry, the Pages `_worker.js`). */
const WORKER = ['src/gate/**', 'src/worker.ts', 'src/security/**', 'src/pages-target/pages-worker.ts', 'src/pages-target/gated-page.ts'];
/** Pure modules every runtime imports: the language's own globals and the web's shared ones only. */
const SHARED = ['src/lib/**', 'src/schemas/**', 'src/access/**'];
/** Node's own globals, which neither a browser nor a Worker has. */
const NODE_ONLY = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'];
/** The page's globals, which a Worker has not. */
const PAGE_ONLY = ['window', 'document', 'localStorage', 'sessionStorage', 'HTMLElement', 'customElements'];

export default tseslint.config(
  {
    ignores: ['dist/', 'dist-pages/', '.astro/', '.wrangler/', 'node_modules/', 'test-results/', 'src/diagrams/cache/', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  ...astro.configs.recommended,
  // Type information is read from TypeScript files; `.astro` frontmatter and plain JavaScript config
  // files are linted without it (the Astro parser cannot hand the type checker a whole component).
  { files: ['**/*.astro', '**/*.astro/*.ts', '**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // Everything not listed below is build, tooling or test code, run by Node.
  { languageOptions: { globals: globals.node } },
  { files: BROWSER, languageOptions: { globals: { ...globals.browser } } },
  { files: WORKER, languageOptions: { globals: { ...globals.serviceworker } } },
  { files: SHARED, languageOptions: { globals: { ...globals['shared-node-browser'] } } },
  // Component scripts run in the browser; their frontmatter on the server.
  { files: ['**/*.astro'], languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  // TypeScript type-checks every file against the DOM and Node's types alike, so ESLint says what a
  // runtime lacks: browser code reaches for no Node global, and the Worker's code for neither the
  // page's nor Node's.
  {
    files: [...BROWSER, ...WORKER, ...SHARED],
    rules: {
      'no-restricted-globals': [
        'error',
        ...NODE_ONLY.map((name) => ({ name, message: 'Node only: this code runs in a browser or a Worker.' })),
      ],
    },
  },
  {
    files: [...WORKER, ...SHARED],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[...NODE_ONLY, ...PAGE_ONLY].map((name) => ({ name, message: 'Not in a Worker (or in every runtime this module runs in).' })),
      ],
    },
  },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter a signature requires).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Folders by role: the site does not reach into the tools or the tests, and the tools do not
  // reach into the tests; what two of them need lives in `scripts/lib/` (or `src/` for the site's own).
  {
    files: ['src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)(scripts|tests)/', message: 'The site imports nothing from the tools or the tests.' }] },
      ],
    },
  },
  {
    files: ['scripts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)tests/', message: 'Tools import nothing from the tests: share it through scripts/lib/.' }] },
      ],
    },
  },
  {
    files: ['tests/**'],
    rules: {
      // vitest's and Playwright's asymmetric matchers (`expect.any`, `expect.stringContaining`) are
      // typed `any` by design, and tests put them inside expected objects.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  prettier,
);
