/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// getViteConfig gives tests the project's Vite setup (astro:content, import.meta.env...).
// astro.config.mjs drops the Cloudflare adapter when VITEST is set (see toolchain notes).
export default getViteConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 20_000,
    // One module graph per worker instead of one per file: most of a file's time here went on
    // importing Astro's Vite setup again ("Improving Performance", vitest.dev/guide/improving-performance).
    // Files therefore share module state: what a file stubs is undone when it ends (the setup
    // file below). Checked by running the files in shuffled orders.
    isolate: false,
    setupFiles: ['tests/support/undo-file-stubs.ts'],
  },
});
