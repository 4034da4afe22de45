/**
 * The reading features of demo and guide pages that need a real browser, once per page template
 * (a demo page, a demo's public guide, a guide), each at 320 and 1280 px on a fresh load: sections
 * skipped off screen while a contents link still lands on its heading, and nothing shifting as
 * skipped sections and diagrams come into view; then personalised placeholders across pages and a
 * reload, the clipboard, tabs by mouse and keyboard. Every page's own diagrams, frames, sections at
 * load and placeholders are checked on its one load in site-quality.spec.ts; what the MDX pipeline
 * produces is checked on a fixture (tests/unit/mdx-rendering.test.ts); a demo page's required
 * sections are checked by the build (src/markdown/rehype-required-sections.ts).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { countLayoutShifts, layoutShifts, openAsMember, tokenFor } from './helpers.ts';
import { discoverPages as sitePages } from '../../scripts/lib/local-site/site-pages.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';

const pages = sitePages();
const docPages = pages.filter((p) => p.demoSlug || /^\/guides\/[^/]+\/$/.test(p.path));
const demoSlugs = new Set(pages.flatMap((p) => (p.demoSlug ? [p.demoSlug] : [])));

/** One page of each template that has doc sections: DemoLayout, DemoGuideLayout, GuideLayout. */
const TEMPLATES = {
  'a demo page': docPages.find((p) => p.demoSlug),
  "a demo's public guide": docPages.find((p) => demoSlugs.has(p.path.split('/')[2] ?? '')),
  'a guide': docPages.find((p) => !p.demoSlug && !demoSlugs.has(p.path.split('/')[2] ?? '')),
};

/** Resolves after the next two frames: what a change of layout needs to be painted and measured. */
const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

test('every template with doc sections has a page to test', () => {
  for (const [template, entry] of Object.entries(TEMPLATES)) expect(entry, template).toBeDefined();
});

for (const [template, entry] of Object.entries(TEMPLATES)) {
  for (const width of [320, 1280]) {
    test(`${template} at ${width} px: sections off screen are skipped until needed, a contents link lands on its heading, nothing shifts`, async ({
      page,
    }) => {
      const { path = '/', demoSlug: demo } = entry ?? {};
      await page.setViewportSize({ width, height: 800 });
      await openAsMember(page, path, demo);
      // Count layout shifts from here on: scrolling is not input, so any shift would count.
      await countLayoutShifts(page);
      const sections = page.locator('article > .doc-section');
      const count = await sections.count();
      expect(count, `${path}: no sections`).toBeGreaterThan(2);
      const rendered = (section: Locator) =>
        section.locator('h2').evaluate((node) => node.checkVisibility({ contentVisibilityAuto: true }));
      expect(await rendered(sections.nth(count - 2)), `${path}: the section before the last is laid out at load`).toBe(false);
      expect(await rendered(sections.last()), `${path}: the last section is skipped at load`).toBe(true);
      // Jump from the top to a section in the middle and to the one before the last: the
      // sections in between are still placeholders of estimated height, and become real ones as
      // the view passes; the heading must still end up at the top of the view.
      const targets = await Promise.all([Math.floor(count / 2), count - 2].map((n) => sections.nth(n).locator('h2').getAttribute('id')));
      for (const id of targets) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.locator(`.toc a[href="#${id}"]`).click();
        await nextFrames(page);
        await nextFrames(page);
        const { top, atEnd } = await page.locator(`[id="${id}"]`).evaluate((node) => ({
          top: node.getBoundingClientRect().top,
          // A heading near the end of the page stays lower down: the page cannot scroll further.
          atEnd: scrollY + innerHeight >= document.documentElement.scrollHeight - 1,
        }));
        expect(top, `${path}: #${id} is above the view`).toBeGreaterThanOrEqual(-1);
        if (!atEnd) expect(top, `${path}: #${id} is not at the top of the view`).toBeLessThan(120);
        else expect(top, `${path}: #${id} is below the view`).toBeLessThan(800);
      }
      // Afresh, from the top, the whole way down through every diagram: nothing moves as skipped
      // sections and diagrams come into view.
      await page.goto(path);
      // Count layout shifts from here on: scrolling is not input, so any shift would count.
      await countLayoutShifts(page);
      for (const frame of await page.locator('.diagram-variant--sized:visible').all()) {
        await frame.scrollIntoViewIfNeeded();
        await nextFrames(page);
      }
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await nextFrames(page);
      expect(await layoutShifts(page), `${path}: layout shifted while scrolling`).toBe(0);
    });
  }
}

test('a reader’s team name and domain, entered once, reach the placeholders of another kind of page and survive a reload', async ({
  page,
  request,
}) => {
  const withPlaceholders: typeof docPages = [];
  for (const entry of docPages) {
    const headers: Record<string, string> = entry.demoSlug ? { [ACCESS_HEADER]: await tokenFor(entry.demoSlug) } : {};
    if ((await (await request.get(entry.path, { headers })).text()).includes('data-placeholder=')) withPlaceholders.push(entry);
  }
  // Entered on one page, shown on a page of the other kind (a demo page and a guide), and on the first again.
  const start = withPlaceholders[0];
  const other = withPlaceholders.find((entry) => Boolean(entry.demoSlug) !== Boolean(start?.demoSlug));
  if (!start || !other) throw new Error(`no demo page and guide both with placeholders: ${withPlaceholders.map((e) => e.path).join(', ')}`);
  await openAsMember(page, start.path, start.demoSlug);
  await page.locator('summary', { hasText: 'Show my team name and domain in the commands' }).click();
  await page.getByLabel(/Team name/).fill('barbican');
  await page.getByLabel(/Domain/).fill('example.co.uk');
  for (const entry of [other, start]) {
    await openAsMember(page, entry.path, entry.demoSlug);
    await page.reload();
    const texts = await page.locator('.ph').allTextContents();
    expect(texts.length, entry.path).toBeGreaterThan(0);
    for (const text of texts) expect(['barbican', 'example.co.uk'], `${entry.path}: ${text}`).toContain(text);
  }
  await page.locator('summary', { hasText: 'Show my team name and domain in the commands' }).click();
  await page.getByRole('button', { name: 'Clear' }).click();
  expect(await page.locator('.ph').first().textContent()).toMatch(/^<your-(team|domain)>$/);
  await page.reload();
  expect(await page.locator('.ph').first().textContent(), 'cleared, after a reload').toMatch(/^<your-(team|domain)>$/);
});

test('the form’s Clear button has the site’s button style on guide and demo pages alike', async ({ page }) => {
  const guide = docPages.find((p) => !p.demoSlug);
  const demo = docPages.find((p) => p.demoSlug);
  const looks: string[] = [];
  for (const entry of [guide, demo]) {
    await openAsMember(page, entry?.path ?? '/', entry?.demoSlug);
    await page.locator('summary', { hasText: 'Show my team name and domain in the commands' }).click();
    const style = await page.getByRole('button', { name: 'Clear' }).evaluate((button) => {
      const css = getComputedStyle(button);
      return { minHeight: css.minHeight, border: `${css.borderTopStyle} ${css.borderTopColor}`, colour: css.color, weight: css.fontWeight };
    });
    // The browser's default button has no min-height, a grey outset border and normal weight.
    expect(style.minHeight, entry?.path).toBe('36px');
    expect(style.weight, entry?.path).toBe('700');
    expect(style.border, entry?.path).toBe(`solid ${style.colour}`);
    looks.push(JSON.stringify(style));
  }
  expect(looks[0]).toBe(looks[1]);
});

test('copy buttons copy the value as shown, personalised', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // Whatever value a procedure step shows first: the button copies exactly the text beside it.
  let copiedInline = false;
  for (const { path, demoSlug: demo } of docPages) {
    await openAsMember(page, path, demo);
    const inline = page.locator('.copy-value:not(:has(.ph)):visible').first();
    if ((await inline.count()) === 0) continue;
    const shown = (await inline.locator('code').textContent()) ?? '';
    expect(shown.length).toBeGreaterThan(0);
    await inline.getByRole('button').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard' })).toBeAttached();
    copiedInline = true;
    break;
  }
  expect(copiedInline, 'no page has a copyable value').toBe(true);

  await page.evaluate(() => localStorage.setItem('barbican:placeholders', JSON.stringify({ team: 'barbican' })));
  let copiedFrom: string | undefined;
  for (const { path, demoSlug: demo } of docPages) {
    await openAsMember(page, path, demo);
    const block = page.locator('.code-block', { has: page.locator('.ph[data-placeholder="team"]') }).first();
    if ((await block.count()) === 0) continue;
    await block.getByRole('button', { name: 'Copy code' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('barbican');
    expect(copied).not.toContain('<your-team>');
    copiedFrom = path;
    break;
  }
  expect(copiedFrom, 'no page has a code block with a <your-team> placeholder').toBeDefined();
});

test('tabs switch by mouse and by keyboard, and every panel is reachable', async ({ page }) => {
  let tested = 0;
  for (const { path, demoSlug: demo } of docPages) {
    await openAsMember(page, path, demo);
    const tabs = page.locator('.tabs').first();
    if ((await tabs.count()) === 0) continue;
    const choices = tabs.getByRole('radio');
    const panels = tabs.locator('> .tab-panel');
    const count = await choices.count();
    expect(await panels.count()).toBe(count);
    await expect(panels.nth(0)).toBeVisible();
    await expect(panels.nth(1)).toBeHidden();
    await tabs.locator('.tabs__choice').nth(1).click();
    await expect(panels.nth(1)).toBeVisible();
    await expect(panels.nth(0)).toBeHidden();
    await choices.nth(1).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(panels.nth(0)).toBeVisible();
    tested++;
    break;
  }
  expect(tested, 'no page uses tabs').toBe(1);
});
