/**
 * Every demo's setup guide is public at /guides/<slug>/, rendered from the demo's own MDX: it
 * answers 200 without a token, with the demo page's sections, anchors and diagrams, and without
 * the identity card or anyone's email. The demo pages themselves stay gated. What a reader sees
 * on each guide (its sections, the way to the live demo) is checked on its one load in
 * site-quality.spec.ts.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectNoRestrictedContent, tokenFor } from './helpers.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { demoSlugs, staticPagePaths } from '../../scripts/lib/local-site/site-pages.ts';

const slugs = demoSlugs();
const demoPage = async (request: APIRequestContext, slug: string) =>
  (await request.get(`/${slug}/`, { headers: { [ACCESS_HEADER]: await tokenFor(slug) } })).text();

/** Ids of the headings in the page's article, in order. */
const headingIds = (html: string) => [...html.matchAll(/<h[23][^>]*\sid="([^"]+)"/g)].map((m) => m[1] ?? '');
const diagramCount = (html: string) => (html.match(/<figure class="diagram"/g) ?? []).length;
const SIGNED_IN = /Signed in as|token verified at the edge/;

test('every demo has a public guide, listed on the guides page', async ({ page }) => {
  expect(slugs.length).toBeGreaterThan(0);
  await page.goto('/guides/');
  for (const slug of slugs) await expect(page.locator(`[data-guide="${slug}"] a`)).toHaveAttribute('href', `/guides/${slug}/`);
});

for (const slug of slugs) {
  test(`/guides/${slug}/: public, with the demo page's headings and diagrams, and no card`, async ({ request }) => {
    const response = await request.get(`/guides/${slug}/`);
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('<access-identity');
    expect(html).not.toMatch(SIGNED_IN);

    // The same MDX as the demo page: the same headings (less the card's), the same diagrams.
    const demo = await demoPage(request, slug);
    expect(headingIds(html)).toEqual(headingIds(demo).filter((id) => id !== 'your-identity'));
    expect(diagramCount(html)).toBe(diagramCount(demo));
    expect(diagramCount(html)).toBeGreaterThan(0);
  });
}

test('on the shared guides too, links to demo pages lead to their public guides', async ({ request }) => {
  for (const path of staticPagePaths().filter((p) => p.startsWith('/guides/') && p !== '/guides/')) {
    const html = await (await request.get(path)).text();
    // The guide itself: from the article's start to the previous/next links, which follow the sidebar.
    const article = html.slice(html.indexOf('<article'), html.indexOf('<nav class="page-nav"'));
    for (const slug of slugs) {
      const links = [...article.matchAll(new RegExp(`href="/${slug}/[^"]*"`, 'g'))].map((m) => m[0]);
      // The only way from a guide into a demo is its "See it live" link.
      const allowed = path === `/guides/${slug}/` ? 1 : 0;
      expect(links.length, `${path}: ${links.join(', ')}`).toBeLessThanOrEqual(allowed);
    }
  }
});

test('the demo pages still answer 403 without a token, and show nothing of the page', async ({ request }) => {
  for (const slug of slugs) {
    const response = await request.get(`/${slug}/`);
    expect(response.status(), `/${slug}/`).toBe(403);
    const body = await response.text();
    expect(body).not.toContain('<access-identity');
    expectNoRestrictedContent(body, `/${slug}/ without a token`);
  }
});

test('no public page carries the identity card, a verified email or the restricted page’s mark', async ({ request }) => {
  const paths = staticPagePaths();
  expect(paths).toEqual(expect.arrayContaining(slugs.map((slug) => `/guides/${slug}/`)));
  for (const path of paths) {
    const html = await (await request.get(path)).text();
    expect(html, path).not.toContain('<access-identity');
    expect(html, path).not.toMatch(SIGNED_IN);
    expectNoRestrictedContent(html, path);
  }
});
