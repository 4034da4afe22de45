/**
 * Turns a prerendered demo page into what the Worker would have rendered for this visitor, at
 * the edge with HTMLRewriter: the verified email line (escaped), and, on a demo's own subdomain,
 * site links pointed at the apex (there, "/" is the demo again). Hashed assets keep their
 * relative paths and load from whichever host served the page.
 */
import { GATED_CACHE_CONTROL } from '../gate/gate-response.ts';
import { verifiedEmailLine } from '../lib/verified-email-line.ts';

export interface Visitor {
  email: string | undefined;
  onSubdomain: boolean;
}

/** A root-relative link to a page of the site (not an asset, not protocol-relative). */
export function isSiteLink(href: string): boolean {
  return href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/_astro/');
}

export function gatedPage(page: Response, visitor: Visitor, domain: string): Response {
  const isHtml = (page.headers.get('content-type') ?? '').includes('text/html');
  let rewriter = new HTMLRewriter();
  const { email } = visitor;
  if (isHtml && email) {
    rewriter = rewriter.on('.gate-line', {
      element: (line) => void line.after(verifiedEmailLine(email), { html: true }),
    });
  }
  if (isHtml && visitor.onSubdomain) {
    rewriter = rewriter.on('a[href]', {
      element: (link) => {
        const href = link.getAttribute('href') ?? '';
        if (isSiteLink(href)) link.setAttribute('href', `https://${domain}${href}`);
      },
    });
  }
  const transformed = isHtml ? rewriter.transform(page) : page;
  const response = new Response(transformed.body, transformed);
  response.headers.set('Cache-Control', GATED_CACHE_CONTROL);
  // The file's validator does not describe this visitor's copy of it.
  response.headers.delete('ETag');
  return response;
}
