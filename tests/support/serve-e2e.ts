/**
 * Starts what the end-to-end tests run against (Playwright's webServer runs this and stops it):
 * both builds behind a working gate (gated-site.ts), the Worker under `wrangler dev` and the
 * Pages output under `wrangler pages dev`, each with its own stand-in Access team, and the
 * signing keys written where the specs can mint their own tokens.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CERTS_PORT, KEYS_FILE, PAGES_CERTS_PORT, PAGES_PORT, SITE_PORT } from './e2e-env.ts';
import { startGatedSite, type GatedSite } from '../../scripts/lib/local-site/gated-site.ts';
import { createTestKeys } from '../../scripts/lib/local-site/test-keys.ts';

const keys = await createTestKeys();
mkdirSync(dirname(KEYS_FILE), { recursive: true });
writeFileSync(KEYS_FILE, JSON.stringify(keys));

const sites: GatedSite[] = [];
const stop = () => void Promise.all(sites.map((site) => site.stop())).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

// One after the other: two workerd start-ups at once on a busy two-core machine time out.
sites.push(await startGatedSite({ keys, name: 'e2e', sitePort: SITE_PORT, certsPort: CERTS_PORT }));
sites.push(
  await startGatedSite({
    keys,
    name: 'e2e-pages',
    target: 'pages',
    sitePort: PAGES_PORT,
    certsPort: PAGES_CERTS_PORT,
  }),
);
console.log(`e2e sites ready at ${sites.map((site) => site.baseUrl).join(' and ')}`);
