/**
 * The inspector's diagnoses and the gate's 403 page link entries of the troubleshooting page by
 * their heading ids. Those links sit in <template>s the link check does not read, so this holds
 * the pairing: every anchor the inspector names is a heading on the built page.
 */
import { expect, test } from '@playwright/test';
import { TROUBLESHOOTING_ANCHORS, TROUBLESHOOTING_PATH } from '../../src/inspector/diagnosis-links.ts';

test('every troubleshooting entry the inspector and the gate link to is a heading on the page', async ({ page }) => {
  const response = await page.goto(TROUBLESHOOTING_PATH);
  expect(response?.status()).toBe(200);
  for (const anchor of TROUBLESHOOTING_ANCHORS) {
    await expect(page.locator(`:is(h2, h3, h4)[id="${anchor}"]`), anchor).toHaveCount(1);
  }
});
