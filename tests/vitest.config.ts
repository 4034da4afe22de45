/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// getViteConfig gives tests the project's Vite setup (astro:content, import.meta.env...).
// astro.config.mjs drops the Cloudflare adapter when VITEST is set (see toolchain notes).
export default getViteConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
