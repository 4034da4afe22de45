/**
 * The one list of places a page may link to: the documentation and repositories of Cloudflare,
 * Microsoft and Astro, the Entra admin center, and the libraries this site uses. A fact is cited
 * from its publisher, not from a copy or a blog; GitHub only for those organisations' and
 * libraries' repositories.
 */
export interface AllowedPlace {
  host: string;
  /** Path prefixes under the host; any path when absent. */
  paths?: readonly string[];
}

export const ALLOWED_PLACES: readonly AllowedPlace[] = [
  { host: 'developers.cloudflare.com' },
  { host: 'learn.microsoft.com' },
  { host: 'entra.microsoft.com' },
  { host: 'docs.astro.build' },
  {
    host: 'github.com',
    paths: ['/cloudflare/', '/withastro/', '/MicrosoftDocs/', '/AzureAD/', '/panva/jose/', '/mermaid-js/'],
  },
];

export type LinkVerdict = { ok: true } | { ok: false; reason: string };

export function checkLink(href: string): LinkVerdict {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { ok: false, reason: `"${href}" is not a valid URL` };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `"${href}" is not https` };
  const place = ALLOWED_PLACES.find((p) => p.host === url.hostname);
  if (!place) return { ok: false, reason: `"${url.hostname}" is not on the allowed list (scripts/content-lint/allowed-links.ts)` };
  if (place.paths && !place.paths.some((prefix) => `${url.pathname}/`.startsWith(prefix))) {
    return { ok: false, reason: `"${href}" is outside the allowed ${url.hostname} repositories` };
  }
  return { ok: true };
}
