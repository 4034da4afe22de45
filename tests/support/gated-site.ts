/**
 * The production build under `wrangler dev` with a working gate: test keys, a stand-in of the
 * Access certs endpoint (which counts its hits at /__hits), the e2e AUD tags, and tokens minted
 * for any demo slug. The e2e server (serve-e2e.ts), the bench and the audit all start it.
 *
 * It writes its own Worker config (dist/server/wrangler.<name>.json) so that users never share
 * one, and takes its ports from the caller, which keeps to its own port range.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { CERTS_PATH } from '../../src/access/protocol.ts';
import { AUDIENCES } from './e2e-env.ts';
import { writeLocalWranglerConfig } from './local-wrangler-config.ts';
import { audTag, createTestKeys, mintAccessToken, type TestKeys } from './test-keys.ts';
import { spawnWranglerDev, waitForServer } from './wrangler-process.ts';

/** The header Access adds to every request it lets through: the gate's own name for it. */
export { TOKEN_HEADER as ACCESS_HEADER } from '../../src/access/protocol.ts';

export interface GatedSiteOptions {
  /** Used in the config file name, so two tools never share one. */
  name: string;
  sitePort: number;
  certsPort: number;
  inspectorPort: number;
  /** Demo slugs that need an AUD tag; one the e2e list lacks gets a derived tag (else: 503). */
  demoSlugs: string[];
  /** Keys to sign with; fresh ones when absent. */
  keys?: TestKeys;
}

export interface GatedSite {
  baseUrl: string;
  /** A fresh token for the demo's path application, valid for an hour. */
  tokenFor(slug: string): Promise<string>;
  stop(): Promise<void>;
}

/** The e2e AUD tags, plus a derived pair for any demo added since (keyed by slug, as the gate is). */
export function audiencesFor(slugs: string[]): Record<string, string[]> {
  const audiences = { ...AUDIENCES };
  for (const slug of slugs) audiences[slug] ??= [audTag(`${slug} path`), audTag(`${slug} subdomain`)];
  return audiences;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startGatedSite(options: GatedSiteOptions): Promise<GatedSite> {
  const keys = options.keys ?? (await createTestKeys());
  const teamDomain = `http://127.0.0.1:${options.certsPort}`;
  const audiences = audiencesFor(options.demoSlugs);

  let certHits = 0;
  const certs = createServer((req, res) => {
    if (req.url === CERTS_PATH) {
      certHits++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [keys.publicJwk] }));
    } else if (req.url === '/__hits') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ certs: certHits }));
    } else {
      res.writeHead(404).end();
    }
  });
  await listen(certs, options.certsPort);

  const target = fileURLToPath(new URL(`../../dist/server/wrangler.${options.name}.json`, import.meta.url));
  // Objects on purpose: wrangler.jsonc `vars` deliver objects, `--var` delivers strings; the unit
  // tests cover the string form.
  const config = writeLocalWranglerConfig({ ACCESS_TEAM_DOMAIN: teamDomain, ACCESS_AUDIENCES: audiences }, { target });
  const wrangler = spawnWranglerDev(config, options.sitePort, 'pipe', options.inspectorPort);
  // Kept for the error message: wrangler says why it did not start only on its own output.
  let output = '';
  wrangler.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  wrangler.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const baseUrl = `http://127.0.0.1:${options.sitePort}`;
  const stop = async () => {
    await stopProcess(wrangler);
    await new Promise((resolve) => certs.close(resolve));
  };
  try {
    await Promise.race([
      waitForServer(`${baseUrl}/`, 90_000),
      new Promise((_, reject) => wrangler.once('exit', (code) => reject(new Error(`wrangler dev exited (${code})`)))),
    ]);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.slice(-4000)}`, { cause: error });
  }

  return {
    baseUrl,
    tokenFor: (slug) => {
      const audience = audiences[slug]?.[0];
      if (!audience) throw new Error(`no AUD tag for demo "${slug}"`);
      return mintAccessToken(keys, { issuer: teamDomain, audience, expiresIn: '1h' });
    },
    stop,
  };
}
