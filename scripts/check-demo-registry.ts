/**
 * `npm run check:demos`: the demos collection is the registry of demos, and wrangler.jsonc must
 * agree with it. For every demo: a custom-domain route for its subdomain, and its AUD tag
 * placeholders in ACCESS_AUDIENCES (the deployment replaces them with the two real tags). Fails
 * with a message that names the demo and says what to add; also names entries no demo uses.
 */
import { fileURLToPath } from 'node:url';
import { readSiteManifest } from '../src/build/site-manifest.ts';
import type { SiteManifest } from '../src/gate/site-manifest.ts';
import { readWranglerConfig, type WranglerConfig } from './lib/wrangler-config.ts';

export function registryProblems(manifest: SiteManifest, config: WranglerConfig): string[] {
  const problems: string[] = [];
  const patterns = new Set((config.routes ?? []).filter((route) => route.custom_domain).map((route) => route.pattern));
  const audiences = (config.vars?.ACCESS_AUDIENCES ?? {}) as Record<string, unknown>;
  const { domain } = manifest;
  if (!patterns.has(domain))
    problems.push(`wrangler.jsonc has no route for the apex: add { "pattern": "${domain}", "custom_domain": true } to "routes"`);
  for (const { slug } of manifest.demos) {
    const host = `${slug}.${domain}`;
    if (!patterns.has(host))
      problems.push(
        `demo "${slug}": wrangler.jsonc has no route for ${host}: add { "pattern": "${host}", "custom_domain": true } to "routes"`,
      );
    const tags = audiences[slug];
    if (!Array.isArray(tags) || tags.length !== 2) {
      problems.push(
        `demo "${slug}": wrangler.jsonc vars.ACCESS_AUDIENCES needs its two AUD tags: add "${slug}": ["<AUD tag of ${domain}/${slug}/*>", "<AUD tag of ${host}>"]`,
      );
    }
  }
  const slugs = new Set(manifest.demos.map((demo) => demo.slug));
  for (const slug of Object.keys(audiences)) {
    if (!slugs.has(slug))
      problems.push(`wrangler.jsonc vars.ACCESS_AUDIENCES has "${slug}", which no file in content/demos declares: remove it`);
  }
  for (const pattern of patterns) {
    const label = pattern?.endsWith(`.${domain}`) ? pattern.slice(0, -domain.length - 1) : undefined;
    if (label && !slugs.has(label))
      problems.push(`wrangler.jsonc routes has ${pattern}, which no file in content/demos declares: remove it`);
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = readSiteManifest();
  const problems = registryProblems(manifest, readWranglerConfig());
  if (problems.length > 0) {
    console.error(`The demos in content/demos and wrangler.jsonc disagree:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`wrangler.jsonc has a route and AUD placeholders for each of the ${manifest.demos.length} demos.`);
}
