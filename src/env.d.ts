/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by the gate once the Access token is verified (or by the dev-only bypass). */
    access?: { email?: string | undefined; devBypass?: boolean };
    /** The demo slug when the request arrived on that demo's subdomain. */
    demoHost?: string;
    /** The demo the gate checked this request for; the demo page renders this one. */
    demo?: import('astro:content').CollectionEntry<'demos'>;
  }
}

/** The Worker environment, as workerd provides it (the gate reads its variables from here). */
declare module 'cloudflare:workers' {
  export const env: Record<string, unknown>;
}

/** The built URL of a module as a chunk of its own (src/search/vite-chunk-url.ts). */
declare module '*?chunk-url' {
  const url: string;
  export default url;
}
