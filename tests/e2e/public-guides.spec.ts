/**
 * Every demo's setup guide is public at /guides/<slug>/, rendered from the demo's own MDX: it
 * answers 200 without a token, with the demo page's sections, anchors and diagrams, and without
 * the identity card or anyone's email. The demo pages themselves stay gated.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { tokenFor } from './helpers.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { demoSlugs, staticPagePaths } from '../../scripts/lib/local-site/site-pages.ts';
import { REQUIRED_DEMO_SECTIONS } from '../../src/schemas/demo.ts';

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
  test(`/guides/${slug}/: public, with the demo's sections, anchors and diagrams, and no card`, async ({ page, request }) => {
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

    await page.goto(`/guides/${slug}/`);
    const h2 = (await page.locator('article h2').allTextContents()).map((t) => t.trim().toLowerCase());
    for (const section of [...REQUIRED_DEMO_SECTIONS.map((s) => s.toLowerCase()), 'routing']) expect(h2).toContain(section);
    for (const figure of await page.locator('figure.diagram').all()) await expect(figure.locator('svg:visible > title')).toHaveText(/\S/);

    // The way to the live demo, and who may enter it.
    const live = page.getByRole('complementary', { name: 'Live demo' });
    await expect(live.getByRole('link', { name: `/${slug}/` })).toHaveAttribute('href', `/${slug}/`);
    await expect(live).toContainText(/See it live: \/[a-z0-9-]+\/ \((members of \S+|any signed-in user)/);

    // Inside the guide, links to demo pages lead to their public guides instead.
    const bodyLinks = await page
      .locator('article .doc-section a[href^="/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of bodyLinks)
      expect(
        slugs.some((s) => href.startsWith(`/${s}/`)),
        `/guides/${slug}/ links ${href}`,
      ).toBe(false);
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
    expect(body).not.toContain('Entra Configuration');
  }
});

test('no public page carries the identity card or a verified email', async ({ request }) => {
  const paths = staticPagePaths();
  expect(paths).toEqual(expect.arrayContaining(slugs.map((slug) => `/guides/${slug}/`)));
  for (const path of paths) {
    const html = await (await request.get(path)).text();
    expect(html, path).not.toContain('<access-identity');
    expect(html, path).not.toMatch(SIGNED_IN);
  }
});
