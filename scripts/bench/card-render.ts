/**
 * How long the identity card takes to show an answer, in Debian's Chromium on a real demo page.
 *
 * `window.fetch` is replaced in the page by one that resolves at once with the identity JSON, so
 * the clock starts when the answer is available and the network is out of the figure. Each run
 * times `element.refresh()` (parse, classify, clone templates, fill in) until the card is in
 * `data-state="ready"`, and then until the next frame has been painted: a requestAnimationFrame
 * callback runs before that frame's style, layout and paint, so the time is taken in a message
 * posted from it, which runs after them. The frame wait is part of what a visitor sees, so a
 * run can never be shorter than the time to the next vsync.
 */
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/build/chromium.ts';
import { ACCESS_HEADER } from '../lib/local-site/gated-site.ts';

export interface CardIdentity {
  label: string;
  body: unknown;
}

export interface CardTiming {
  label: string;
  /** Group rows in the rendered card (checks that the whole answer was rendered). */
  groupRows: number;
  /** The first render in a fresh page (cold code), not among `painted`. */
  firstPainted: number;
  ready: number[];
  painted: number[];
}

interface InPageResult {
  groupRows: number;
  ready: number[];
  painted: number[];
}

/** Runs in the page. Self-contained: Playwright sends it as source text. */
async function timeRefreshes({ json, runs }: { json: string; runs: number }): Promise<InPageResult> {
  const card = document.querySelector('access-identity') as (HTMLElement & { refresh(): Promise<void> }) | null;
  if (!card) throw new Error('no <access-identity> on the page');
  window.fetch = () => Promise.resolve(new Response(json, { status: 200, headers: { 'content-type': 'application/json' } }));
  const painted = () =>
    new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      }),
    );
  const result: InPageResult = { groupRows: 0, ready: [], painted: [] };
  for (let run = 0; run < runs; run++) {
    // Start each run from a settled page: the previous render painted and nothing pending.
    await painted();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const start = performance.now();
    await card.refresh();
    const ready = performance.now();
    if (card.dataset['state'] !== 'ready') throw new Error(`card is "${card.dataset['state']}", not "ready"`);
    await painted();
    result.ready.push(ready - start);
    result.painted.push(performance.now() - start);
    result.groupRows = card.querySelectorAll('[data-group]').length;
  }
  return result;
}

export async function measureCardRender(pageUrl: string, token: string, identities: CardIdentity[], runs: number): Promise<CardTiming[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const timings: CardTiming[] = [];
    for (const identity of identities) {
      // A fresh page per identity, so its first render really is the first.
      const context = await browser.newContext({ extraHTTPHeaders: { [ACCESS_HEADER]: token } });
      const page = await context.newPage();
      const response = await page.goto(pageUrl);
      if (response?.status() !== 200) throw new Error(`${pageUrl} answered ${response?.status()}`);
      // The real get-identity answers first (404 here: no Access in front of wrangler dev).
      await page.waitForSelector('access-identity:not([data-state="loading"])');
      const json = JSON.stringify(identity.body);
      const first = await page.evaluate(timeRefreshes, { json, runs: 1 });
      const rest = await page.evaluate(timeRefreshes, { json, runs });
      timings.push({
        label: identity.label,
        groupRows: rest.groupRows,
        firstPainted: first.painted[0] as number,
        ready: rest.ready,
        painted: rest.painted,
      });
      await context.close();
    }
    return timings;
  } finally {
    await browser.close();
  }
}
