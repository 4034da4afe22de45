/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by the gate once the Access token is verified (or by the dev-only bypass). */
    access?: { email?: string | undefined; devBypass?: boolean };
    /** The demo slug when the request arrived on that demo's subdomain. */
    demoHost?: string;
    /** The demo the gate checked this request for; the demo page renders this one. */
    demoSlug?: string;
  }
}

/**
 * `Env` itself is generated from wrangler.jsonc by `npm run cf-typegen` (worker-configuration.d.ts).
 * It is generated without the runtime types, whose globals clash with the DOM's, so the one
 * runtime type it names is declared here, as far as this site uses it.
 */
interface Fetcher {
  fetch(input: Request | URL | string, init?: RequestInit): Promise<Response>;
}

/** A secret, not a var, so `wrangler types` cannot see it: optional keys used instead of the certs endpoint. */
interface Env {
  ACCESS_JWKS?: string;
}

/** The Worker environment, as workerd provides it (the gate reads its variables from here). */
declare module 'cloudflare:workers' {
  export const env: Env;
}

/** The demos the gate knows, generated at build time from content/demos (src/build/site-manifest.ts). */
declare module 'virtual:barbican/site-manifest' {
  const manifest: import('./gate/site-manifest.ts').SiteManifest;
  export default manifest;
}

/** The Pages worker's demo pages, slug → prerendered HTML, bundled at build time (src/pages-target/demo-pages.ts). */
declare module 'virtual:barbican/demo-pages' {
  const pages: import('./pages-target/demo-pages.ts').DemoPages;
  export default pages;
}

/** The built URL of a module as a chunk of its own (src/search/vite-chunk-url.ts). */
declare module '*?chunk-url' {
  const url: string;
  export default url;
}

/**
 * An `.astro` module as plain TypeScript sees one (ESLint's type-aware rules): a component. `astro
 * check` resolves each such import to the file itself and checks its props; this is only the
 * fallback for tools that cannot read `.astro` files.
 */
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}
