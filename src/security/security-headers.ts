/**
 * The security headers of every response. One definition, applied twice: by the Worker entry
 * (src/worker.ts) to what the Worker answers, and written into `_headers` at build time
 * (src/security/headers-file.ts) for static assets, which Workers serves before the Worker runs.
 */

// Scripts are always external files from our own origin (astro.config.mjs sets
// assetsInlineLimit: 0), so script-src needs no 'unsafe-inline', hash or nonce. Styles allow
// inline because the build-time diagrams and Shiki's highlighting carry style attributes.
// 'wasm-unsafe-eval' lets the site search compile Pagefind's WebAssembly and nothing else: it
// allows WebAssembly compilation, never JavaScript eval or new Function
// (https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/script-src#unsafe_webassembly_execution).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// No Cross-Origin-Opener-Policy, on purpose. `same-origin` makes each navigation into the site from
// a page without it switch browsing context group, which Chromium does in a new renderer process
// (and on Android, where not every site gets a process of its own, it also opts the site into one).
// In Lighthouse that cost about 200 ms of blocking time and 5-10 performance points on every page:
// median TBT 262 ms with the header and 46 ms without, same page, five runs each. What it guards is
// small on this site: framing is already refused (frame-ancestors 'none', X-Frame-Options), links
// out are noopener by default, the site opens no windows, and it needs no cross-origin isolation.
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy':
    'accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), serial=(), usb=(), xr-spatial-tracking=()',
  'X-Frame-Options': 'DENY',
};

/** Hashed build output never changes under the same name: cache it for a year. */
export const IMMUTABLE_ASSET_PATH = '/_astro/*';
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** Adds the security headers to a response, copying it first if its headers are immutable. */
export function withSecurityHeaders(response: Response): Response {
  let result = response;
  try {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) result.headers.set(name, value);
  } catch {
    result = new Response(response.body, response);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) result.headers.set(name, value);
  }
  return result;
}
