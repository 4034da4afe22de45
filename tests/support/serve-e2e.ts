/**
 * Starts what the end-to-end tests run against (Playwright's webServer runs this and stops it):
 * the production build under `wrangler dev` behind a working gate (gated-site.ts), with the
 * signing keys written where the specs can mint their own tokens.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AUDIENCES, CERTS_PORT, KEYS_FILE, SITE_PORT } from './e2e-env.ts';
import { startGatedSite } from './gated-site.ts';
import { createTestKeys } from './test-keys.ts';

const keys = await createTestKeys();
mkdirSync(dirname(KEYS_FILE), { recursive: true });
writeFileSync(KEYS_FILE, JSON.stringify(keys));

const site = await startGatedSite({
  name: 'e2e',
  sitePort: SITE_PORT,
  certsPort: CERTS_PORT,
  inspectorPort: SITE_PORT + 10_000,
  demoSlugs: Object.keys(AUDIENCES),
  keys,
});
console.log(`e2e site ready at ${site.baseUrl}`);

const stop = () => void site.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
