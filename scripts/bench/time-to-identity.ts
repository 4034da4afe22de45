/**
 * How long a demo page takes, from the HTML's first byte to the identity shown, in Debian's
 * Chromium, with every request given the same round-trip latency (a visitor's network, which
 * localhost would otherwise hide). The page's own get-identity request is answered by the bench
 * with the member fixture after that latency, as Access would answer it at the edge.
 *
 * What it shows: with get-identity requested only once the card's script has loaded and run, the
 * two round trips add up; with the page preloading it (`<link rel="preload" as="fetch">` in the
 * demo layout), they overlap. The time is taken in the page: from the navigation's
 * `responseStart` to the moment the card's `data-state` becomes `ready`.
 */
import { chromium } from 'playwright';
import { IDENTITY_PATH } from '../../src/access/protocol.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/build/chromium.ts';
import { ACCESS_HEADER } from '../lib/local-site/gated-site.ts';

export interface IdentityArrival {
  latencyMs: number;
  /** HTML first byte → card ready, per run (ms). */
  runs: number[];
  /** get-identity requests per page load (1 when the preload is reused). */
  identityRequests: number[];
}

/** Installed before any page script: records when the card first reaches `ready`. */
function watchCard(): void {
  const record = (): void => {
    const card = document.querySelector('access-identity');
    if (card?.getAttribute('data-state') === 'ready' && !('__identityShownAt' in window))
      Object.assign(window, { __identityShownAt: performance.now() });
  };
  new MutationObserver(record).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'], childList: true });
}

export async function measureTimeToIdentity(
  pageUrl: string,
  token: string,
  identity: unknown,
  { latencyMs = 100, runs = 9 }: { latencyMs?: number; runs?: number } = {},
): Promise<IdentityArrival> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const result: IdentityArrival = { latencyMs, runs: [], identityRequests: [] };
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ extraHTTPHeaders: { [ACCESS_HEADER]: token } });
      let identityRequests = 0;
      const wait = () => new Promise((resolve) => setTimeout(resolve, latencyMs));
      await context.route('**/*', async (route) => {
        await wait();
        if (new URL(route.request().url()).pathname !== IDENTITY_PATH) return route.continue();
        identityRequests++;
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(identity) });
      });
      const page = await context.newPage();
      await page.addInitScript(watchCard);
      await page.goto(pageUrl);
      await page.waitForFunction(() => '__identityShownAt' in window);
      const elapsed = await page.evaluate(() => {
        const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        return (window as unknown as { __identityShownAt: number }).__identityShownAt - (navigation?.responseStart ?? 0);
      });
      result.runs.push(elapsed);
      result.identityRequests.push(identityRequests);
      await context.close();
    }
    return result;
  } finally {
    await browser.close();
  }
}
