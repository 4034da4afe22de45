/**
 * The Group A page, as a reader meets it: the structure of a demo page (layout parts, its sections
 * in order, a numbered procedure with its source in each configuration section, the sources), its
 * diagram, and its routes. It checks structure and frontmatter values, never a guide's wording,
 * so that a corrected sentence cannot break it.
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
});

test('has the parts of a demo page, filled from its frontmatter', async ({ page }) => {
  const response = await page.goto('/scim-a/');
  expect(response?.status()).toBe(200);
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

test('its sections come in order: identity, the guide with its sources last, then routing', async ({ page }) => {
  await page.goto('/scim-a/');
  const ids = await page.locator('article h2').evaluateAll((hs) => hs.map((h) => h.id));
  expect(ids[0]).toBe('your-identity');
  expect(ids.at(-1)).toBe('routing');
  expect(ids.at(-2)).toBe('sources');
  expect(ids.length).toBeGreaterThanOrEqual(6);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
});

test('every numbered procedure has steps, and each section with one links the documentation it follows', async ({ page }) => {
  await page.goto('/scim-a/');
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
});

test('the Sources section lists the pages it cites, by https link', async ({ page }) => {
  await page.goto('/scim-a/');
  const sources = page.locator('section.doc-section').filter({ has: page.locator('h2#sources') });
  const hrefs = await sources.locator('li a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
  expect(
    hrefs.some((href) => href.startsWith('https://developers.cloudflare.com/cloudflare-one/integrations/identity-providers/entra-id/')),
  ).toBe(true);
});

test('the routing table names both routes', async ({ page }) => {
  await page.goto('/scim-a/');
  await expect(page.locator('[data-route="path"]')).toHaveText('barbicancloud.co.uk/scim-a/');
  await expect(page.locator('[data-route="subdomain"]')).toHaveText('scim-a.barbicancloud.co.uk');
});

test('the diagram is an inline SVG with an accessible title, and no mermaid script is loaded', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await page.goto('/scim-a/');
  const svg = page.locator('figure.diagram svg');
  await expect(svg).toBeVisible();
  await expect(svg.locator('title')).toHaveText(/\S/);
  expect(scripts.some((url) => /mermaid/i.test(url))).toBe(false);
});

test('in a dark colour scheme the diagram is drawn in dark colours', async ({ page }) => {
  const actorFill = () =>
    page
      .locator('figure.diagram svg rect.actor')
      .first()
      .evaluate((rect) => getComputedStyle(rect).fill);
  await page.goto('/scim-a/');
  const light = await actorFill();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('figure.diagram svg')).toBeVisible();
  expect(await actorFill()).not.toBe(light);
});
