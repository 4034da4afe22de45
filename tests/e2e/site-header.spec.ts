/**
 * The site header at phone and tablet widths: its links wrap between items, and no link's label
 * is broken inside a word (each label is laid out on a single line); nor is the page title's
 * longest word ("Troubleshooting").
 */
import { expect, test } from '@playwright/test';

for (const width of [320, 390, 768]) {
  test(`at ${width} px the header's links and the page title keep their words whole`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/guides/troubleshooting/');
    const header = page.locator('header.site-header');
    const links = header.locator('nav a');
    await expect(links.first()).toBeVisible();
    const layout = await links.evaluateAll((anchors) =>
      anchors.map((anchor) => {
        const range = document.createRange();
        range.selectNodeContents(anchor);
        // One line box: every fragment of the label sits on the same line.
        const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        return { label: anchor.textContent?.trim(), lines: tops.size };
      }),
    );
    for (const { label, lines } of layout) expect(lines, `"${label}" at ${width} px`).toBe(1);
    const overflow = await header.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The page title too: its longest word fits on one line.
    const title = page.locator('main h1');
    const titleLines = await title.evaluate((heading) => {
      const range = document.createRange();
      range.selectNodeContents(heading);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect(titleLines).toBe(1);
  });
}
