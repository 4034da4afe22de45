/**
 * The Group A page, as a reader meets it: the structure of a demo page (layout parts, its sections
 * in order, a numbered procedure with its source in each configuration section, the sources). It
 * checks structure and frontmatter values, never a guide's wording, so that a corrected sentence
 * cannot break it. Every demo page's parts, diagrams (in both colour schemes), routes and card
 * are checked on its one load in site-quality.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { expect, test } from '@playwright/test';
import { answerIdentity, signIn } from './helpers.ts';

const frontmatter = parseFrontmatter(readFileSync(new URL('../../content/demos/scim-a.mdx', import.meta.url), 'utf8')).frontmatter as {
  title: string;
  protocol: string;
  summary: string;
  verified: Date;
};
const SOURCE_LINK = 'a[href^="https://developers.cloudflare.com/"], a[href^="https://learn.microsoft.com/"]';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'scim-a');
  await answerIdentity(page, 'member');
  const response = await page.goto('/scim-a/');
  expect(response?.status()).toBe(200);
});

test('has the parts of a demo page, filled from its frontmatter', async ({ page }) => {
  await expect(page.getByRole('link', { name: '← Barbican Identity Demo' })).toHaveAttribute('href', '/');
  await expect(page.locator('.kicker')).toHaveText(frontmatter.protocol);
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toContainText(frontmatter.title);
  await expect(h1).toContainText('Restricted');
  await expect(page.locator('.lead')).toHaveText(frontmatter.summary);
  await expect(page.locator('access-identity')).toHaveAttribute('data-state', 'ready');
  const checked = page.locator('.checked-against');
  await expect(checked.locator('time')).toHaveAttribute('datetime', frontmatter.verified.toISOString().slice(0, 10));
  await expect(checked.locator('a')).toHaveAttribute('href', '#sources');
});

test('its sections in order (identity, the guide with its sources last, routing), each procedure with steps and its sources', async ({
  page,
}) => {
  const ids = await page.locator('article h2').evaluateAll((hs) => hs.map((h) => h.id));
  expect(ids[0]).toBe('your-identity');
  expect(ids.at(-1)).toBe('routing');
  expect(ids.at(-2)).toBe('sources');
  expect(ids.length).toBeGreaterThanOrEqual(6);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);

  // Every numbered procedure has steps, and each section with one links the documentation it follows.
  const sections = page.locator('article section.doc-section').filter({ has: page.locator('ol') });
  expect(await sections.count()).toBeGreaterThanOrEqual(2);
  for (const section of await sections.all()) {
    for (const list of await section.locator('ol').all()) {
      const steps = list.locator('> li');
      expect(await steps.count()).toBeGreaterThan(0);
      for (const text of await steps.allTextContents()) expect(text.trim()).not.toBe('');
    }
    expect(await section.locator(SOURCE_LINK).count()).toBeGreaterThan(0);
  }

  // The Sources section lists the pages it cites, by https link.
  const sources = page.locator('section.doc-section').filter({ has: page.locator('h2#sources') });
  const hrefs = await sources.locator('li a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
  expect(
    hrefs.some((href) => href.startsWith('https://developers.cloudflare.com/cloudflare-one/integrations/identity-providers/entra-id/')),
  ).toBe(true);
});
