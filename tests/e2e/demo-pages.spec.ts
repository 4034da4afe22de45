/**
 * What must stay true of every real demo page, whatever its guide says: signed in it answers 200
 * with its header, the identity card, the sections every demo page has, an inline diagram with a
 * title and no mermaid script, and both of its routes. Wording is the guides' own business; the
 * MDX machinery is tested on a fixture (tests/unit/mdx-rendering.test.ts).
 */
import { expect, test } from '@playwright/test';
import { openAsMember } from './helpers.ts';
import { demoSlugs } from '../../scripts/lib/local-site/site-pages.ts';
import { REQUIRED_DEMO_SECTIONS } from '../../src/schemas/demo.ts';

const lower = (texts: string[]) => texts.map((t) => t.trim().toLowerCase());

for (const slug of demoSlugs()) {
  test(`/${slug}/: the gated page, its card, its sections, its diagram and its routes`, async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    const response = await openAsMember(page, `/${slug}/`, slug);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('link', { name: '← Barbican Identity Demo' })).toHaveAttribute('href', '/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.locator('.gate-line')).toContainText('Who may enter:');
    await expect(page.locator('.verified')).toContainText('Signed in as');
    await expect(page.locator('access-identity')).toHaveAttribute('data-state', 'ready');

    const h2 = lower(await page.locator('article h2').allTextContents());
    for (const section of ['your identity', ...lower([...REQUIRED_DEMO_SECTIONS]), 'routing'])
      expect(h2, `/${slug}/ lacks "${section}"`).toContain(section);

    const svg = page.locator('figure.diagram svg:visible').first();
    await expect(svg).toBeAttached();
    await expect(svg.locator('> title')).toHaveText(/\S/);
    expect(scripts.some((url) => /mermaid/i.test(url))).toBe(false);

    await expect(page.locator('[data-route="path"]')).toHaveText(`barbicancloud.co.uk/${slug}/`);
    await expect(page.locator('[data-route="subdomain"]')).toHaveText(`${slug}.barbicancloud.co.uk`);
  });
}
