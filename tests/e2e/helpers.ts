/**
 * What the end-to-end specs share: signed-in requests, intercepted identity answers, axe, and the
 * mark of restricted content.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type Response } from '@playwright/test';
import { fixtureBody, fixtures, type IdentityFixture, type PersonaName } from '../../src/dev/personas/index.ts';
import { AUDIENCES, testKeys } from '../support/e2e-env.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { mintAccessToken, type MintOptions, type TestKeys } from '../../scripts/lib/local-site/test-keys.ts';
import { currentSite } from './targets.ts';

export const keys = (): TestKeys => testKeys();

/**
 * The attribute every gated demo page carries (src/layouts/DemoLayout.astro) and no public page
 * does. Found in a refusal, a public page or a static file, it means restricted content leaked;
 * tests check that every real demo page, served with its token, carries it, so looking for it is
 * never an empty check.
 */
export const RESTRICTED_MARK = 'data-restricted-page';

/** Fails if the HTML (or any text) holds the restricted page's mark. */
export function expectNoRestrictedContent(body: string, where?: string): void {
  expect(body.includes(RESTRICTED_MARK), `${where ?? 'the answer'} holds the restricted page's mark (${RESTRICTED_MARK})`).toBe(false);
}

/** The running test's stand-in Access team (each deploy target has its own). */
export const teamDomain = (): string => currentSite().teamDomain;

/** A token Access would send for this demo's path application, unless told otherwise. */
export function tokenFor(slug: string, options: Partial<MintOptions> = {}): Promise<string> {
  const audience = AUDIENCES[slug]?.[0];
  if (!audience) throw new Error(`no test AUD for ${slug}`);
  return mintAccessToken(keys(), { issuer: teamDomain(), audience, ...options });
}

/** Sends a valid Access token with every request of the page, as Access does behind it. */
export async function signIn(page: Page, slug: string, options: Partial<MintOptions> = {}): Promise<void> {
  await page.setExtraHTTPHeaders({ [ACCESS_HEADER]: await tokenFor(slug, options) });
}

/**
 * Opens a page as a visitor sees it: on a demo page signed in, with get-identity answering for a
 * member of the demo's group (the card reaches its ready state).
 */
export async function openAsMember(page: Page, path: string, demo?: string): Promise<Response | null> {
  if (demo) {
    await signIn(page, demo);
    await answerIdentity(page, 'member');
  }
  return page.goto(path);
}

/** Answers get-identity with a fixture (or a custom answer) instead of the network. */
export async function answerIdentity(page: Page, answer: PersonaName | IdentityFixture): Promise<void> {
  const fixture = typeof answer === 'string' ? fixtures[answer] : answer;
  await page.route('**/cdn-cgi/access/get-identity', (route) =>
    route.fulfill({ status: fixture.status, contentType: fixture.contentType, body: fixtureBody(fixture) }),
  );
}

/** The accessibility rules every page is held to: WCAG 2.0–2.2 A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe's violations on the page (or inside `selector`), one line each: rule, impact, first nodes. */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  // Legacy mode runs axe in the page itself. The default mode also opens a blank page per run to
  // combine the results of cross-origin frames, which this site has none of: about 0.6 s a run
  // on this machine, over some fifty runs. Only violations are asked for in
  // detail (options() first: it replaces what withTags() sets).
  const builder = new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(AXE_TAGS)
    .setLegacyMode(true);
  const results = await (selector ? builder.include(selector) : builder).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

/** Starts counting the page's layout shifts (the Layout Instability API's `layout-shift` entries). */
export async function countLayoutShifts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const counted = window as unknown as { shifts: number };
    counted.shifts = 0;
    new PerformanceObserver((list) => {
      for (const item of list.getEntries()) counted.shifts += (item as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift' });
  });
}

/** The layout shift the page has had since `countLayoutShifts`. */
export const layoutShifts = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { shifts: number }).shifts);
