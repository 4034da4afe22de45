/**
 * Starts what the end-to-end tests run against: a stand-in of the Access certs endpoint (which
 * counts its hits at /__hits) and the production build under `wrangler dev`, configured like a
 * real deployment except that the team domain is the local certs server.
 * Playwright's webServer runs this; it stays up until Playwright stops it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { AUDIENCES, CERTS_PORT, KEYS_FILE, SITE_PORT, TEAM_DOMAIN } from './e2e-env.ts';
import { writeLocalWranglerConfig } from './local-wrangler-config.ts';
import { createTestKeys } from './test-keys.ts';
import { spawnWranglerDev } from './wrangler-process.ts';

const keys = await createTestKeys();
mkdirSync(dirname(KEYS_FILE), { recursive: true });
writeFileSync(KEYS_FILE, JSON.stringify(keys));

let certHits = 0;
createServer((req, res) => {
  if (req.url === '/cdn-cgi/access/certs') {
    certHits++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [keys.publicJwk] }));
  } else if (req.url === '/__hits') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ certs: certHits }));
  } else {
    res.writeHead(404).end();
  }
}).listen(CERTS_PORT, '127.0.0.1');

// Objects here on purpose: wrangler.jsonc `vars` deliver objects, `--var` delivers strings;
// the unit tests cover the string form.
const config = writeLocalWranglerConfig({ ACCESS_TEAM_DOMAIN: TEAM_DOMAIN, ACCESS_AUDIENCES: AUDIENCES });

const wrangler = spawnWranglerDev(config, SITE_PORT, 'inherit');
const stop = () => {
  wrangler.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
wrangler.on('exit', (code) => process.exit(code ?? 1));
