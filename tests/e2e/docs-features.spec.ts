/**
 * The reading features of demo and guide pages that need a real browser, on every page that has
 * them: diagrams in both colour schemes, sections skipped off screen, personalised placeholders,
 * the clipboard, tabs by mouse and keyboard. What the MDX pipeline produces is checked on a
 * fixture (tests/unit/mdx-rendering.test.ts); a demo page's required sections are checked by the
 * build (src/markdown/rehype-required-sections.ts).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { tokenFor, openAsMember } from './helpers.ts';
import { discoverPages as sitePages } from '../../scripts/lib/local-site/site-pages.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';

const pages = sitePages();

// These tests walk every page; give them room on a busy two-core machine.
test.describe.configure({ timeout: 180_000 });
const docPages = pages.filter((p) => p.demoSlug || /^\/guides\/[^/]+\/$/.test(p.path));

/** Resolves after the next two frames: what a change of layout needs to be painted and measured. */
const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

test('every diagram is an inline SVG with a title, drawn in dark colours in the dark scheme', async ({ page }) => {
  let diagrams = 0;
  const labelColour = (figure: Locator) =>
    figure
      .locator('svg:visible text, svg:visible foreignObject span')
      .first()
      .evaluate((node) => getComputedStyle(node).color + getComputedStyle(node).fill);
  for (const { path, demoSlug: demo } of pages) {
    await page.emulateMedia({ colorScheme: 'light' });
    await openAsMember(page, path, demo);
    for (const figure of await page.locator('figure.diagram').all()) {
      diagrams++;
      await expect(figure.locator('svg:visible')).toHaveCount(1);
      await expect(figure.locator('svg:visible > title')).toHaveText(/\S/);
      const light = await labelColour(figure);
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect(figure.locator('svg:visible')).toHaveCount(1);
      expect(await labelColour(figure), `${path}: diagram colours do not follow the scheme`).not.toBe(light);
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }
  expect(diagrams).toBeGreaterThan(0);
});

test('diagram frames are their drawing’s exact size, so nothing shifts as skipped diagrams and sections come into view', async ({
  page,
}) => {
  let frames = 0;
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const { path, demoSlug: demo } of pages) {
      await openAsMember(page, path, demo);
      // Count layout shifts from here on: scrolling is not input, so any shift would count.
      await page.evaluate(() => {
        (window as unknown as { shifts: number }).shifts = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries())
            (window as unknown as { shifts: number }).shifts += (entry as unknown as { value: number }).value;
        }).observe({ type: 'layout-shift' });
      });
      for (const frame of await page.locator('.diagram-variant--sized:visible').all()) {
        frames++;
        await frame.scrollIntoViewIfNeeded();
        await nextFrames(page);
        const [frameBox, svgBox] = await Promise.all([frame.boundingBox(), frame.locator('svg').boundingBox()]);
        expect(
          Math.abs((frameBox?.height ?? 0) - (svgBox?.height ?? -10)),
          `${path} at ${width} px: frame and drawing heights differ`,
        ).toBeLessThanOrEqual(1);
        expect(
          Math.abs((frameBox?.width ?? 0) - (svgBox?.width ?? -10)),
          `${path} at ${width} px: frame and drawing widths differ`,
        ).toBeLessThanOrEqual(1);
      }
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await nextFrames(page);
      expect(
        await page.evaluate(() => (window as unknown as { shifts: number }).shifts),
        `${path} at ${width} px: layout shifted while scrolling`,
      ).toBe(0);
    }
  }
  expect(frames).toBeGreaterThan(0);
});

test('sections off screen are skipped until needed, and a contents link still lands on its heading', async ({ page }) => {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const { path, demoSlug: demo } of docPages) {
      await openAsMember(page, path, demo);
      const sections = page.locator('article > .doc-section');
      const count = await sections.count();
      expect(count, `${path}: no sections`).toBeGreaterThan(2);
      // The browser lays out only what is near the viewport (the reason for the sections), but
      // always the last section, so that the page's end is where it will stay.
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
        expect(top, `${path} at ${width} px: #${id} is above the view`).toBeGreaterThanOrEqual(-1);
        if (!atEnd) expect(top, `${path} at ${width} px: #${id} is not at the top of the view`).toBeLessThan(120);
        else expect(top, `${path} at ${width} px: #${id} is below the view`).toBeLessThan(800);
      }
    }
  }
});

test('a reader’s team name and domain reach every placeholder on every page, and survive a reload', async ({ page, request }) => {
  const withPlaceholders: string[] = [];
  for (const { path, demoSlug: demo } of docPages) {
    const headers: Record<string, string> = demo ? { [ACCESS_HEADER]: await tokenFor(demo) } : {};
    if ((await (await request.get(path, { headers })).text()).includes('data-placeholder=')) withPlaceholders.push(path);
  }
  expect(withPlaceholders.length).toBeGreaterThan(0);
  const [first, ...rest] = withPlaceholders;
  const start = docPages.find((p) => p.path === first);
  await openAsMember(page, start?.path ?? '/', start?.demoSlug);
  await page.locator('summary', { hasText: 'Show my team name and domain in the commands' }).click();
  await page.getByLabel(/Team name/).fill('barbican');
  await page.getByLabel(/Domain/).fill('example.co.uk');
  for (const path of [first, ...rest]) {
    const entry = docPages.find((p) => p.path === path);
    await openAsMember(page, path ?? '/', entry?.demoSlug);
    await page.reload();
    const texts = await page.locator('.ph').allTextContents();
    expect(texts.length, path).toBeGreaterThan(0);
    for (const text of texts) expect(['barbican', 'example.co.uk'], `${path}: ${text}`).toContain(text);
  }
  await page.locator('summary', { hasText: 'Show my team name and domain in the commands' }).click();
  await page.getByRole('button', { name: 'Clear' }).click();
  expect(await page.locator('.ph').first().textContent()).toMatch(/^<your-(team|domain)>$/);
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
