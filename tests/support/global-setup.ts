/**
 * Playwright's global setup (tests/playwright.config.ts): starts what the end-to-end tests run
 * against, both builds behind a working gate (gated-site.ts), the Worker under `wrangler dev` and
 * the Pages output under `wrangler pages dev`, each with its own stand-in Access team, on ports
 * the OS picks. The URLs, team domains and signing keys go into process.env for the workers
 * (e2e-env.ts). The function it returns is the teardown: it stops both.
 */
import { createTestKeys } from '../../scripts/lib/local-site/test-keys.ts';
import { startGatedSite, type GatedSite } from '../../scripts/lib/local-site/gated-site.ts';
import { publishSites } from './e2e-env.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = Date.now();
  const keys = await createTestKeys();
  const sites: GatedSite[] = [];
  const stop = async () => {
    await Promise.all(sites.map((site) => site.stop()));
  };
  try {
    // One after the other: two workerd start-ups at once on a busy two-core machine time out.
    const workers = await startGatedSite({ keys, name: 'e2e' });
    sites.push(workers);
    const pages = await startGatedSite({ keys, name: 'e2e-pages', target: 'pages' });
    sites.push(pages);
    publishSites({ workers, pages }, keys);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`e2e sites ready in ${seconds} s: Workers ${workers.baseUrl}, Pages ${pages.baseUrl}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
