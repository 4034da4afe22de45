/**
 * A build of the site with a working gate: test keys, a stand-in of the Access certs endpoint
 * (certs-server.ts), local AUD tags (a pair for every demo in the site manifest),
 * and tokens minted for any of those demos. The end-to-end setup (tests/support/global-setup.ts)
 * starts one per deploy target; the bench and the audit start the Worker's.
 * Ports: the OS picks them unless the caller names its own (the bench and audit tools do).
 */
import { readSiteManifest } from '../../../src/build/site-manifest.ts';
import { startCertsServer } from './certs-server.ts';
import { startSiteProcess } from './site-process.ts';
import { audTag, createTestKeys, mintAccessToken, type TestKeys } from './test-keys.ts';
import type { DeployTarget } from './site-process.ts';

/** Every demo in content/demos has two Access applications: its path and its subdomain. */
export const AUDIENCES: Record<string, string[]> = Object.fromEntries(
  readSiteManifest().demos.map(({ slug }) => [slug, [audTag(`${slug} path`), audTag(`${slug} subdomain`)]]),
);

/** The header Access adds to every request it lets through: the gate's own name for it. */
export { TOKEN_HEADER as ACCESS_HEADER } from '../../../src/access/protocol.ts';

export interface GatedSiteOptions {
  /** Used in the config file name, so two tools never share one. */
  name: string;
  /** Which build: the Worker (default) or the Pages output. */
  target?: DeployTarget;
  sitePort?: number;
  certsPort?: number;
  inspectorPort?: number;
  /** Keys to sign with; fresh ones when absent. */
  keys?: TestKeys;
}

export interface GatedSite {
  baseUrl: string;
  /** The stand-in team's origin: the tokens' issuer, and where its certs endpoint answers. */
  teamDomain: string;
  /** The site's output so far (the gate's log lines). */
  logs(): string;
  /** A fresh token for the demo's path application, valid for an hour. */
  tokenFor(slug: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startGatedSite(options: GatedSiteOptions): Promise<GatedSite> {
  const keys = options.keys ?? (await createTestKeys());
  const certs = await startCertsServer(keys.publicJwk, { port: options.certsPort });
  const teamDomain = certs.teamDomain;
  let site;
  try {
    site = await startSiteProcess({
      target: options.target ?? 'workers',
      name: options.name,
      port: options.sitePort,
      inspectorPort: options.inspectorPort,
      vars: { ACCESS_TEAM_DOMAIN: teamDomain, ACCESS_AUDIENCES: AUDIENCES },
    });
  } catch (error) {
    await certs.stop();
    throw error;
  }
  return {
    baseUrl: site.baseUrl,
    teamDomain,
    logs: () => site.logs(),
    tokenFor: (slug) => {
      const audience = AUDIENCES[slug]?.[0];
      if (!audience) throw new Error(`no AUD tag for demo "${slug}"`);
      return mintAccessToken(keys, { issuer: teamDomain, audience, expiresIn: '1h' });
    },
    stop: async () => {
      await site.stop();
      await certs.stop();
    },
  };
}
