/**
 * Checks on the Pages build itself (no browser, no network): what Pages reads beside the pages,
 * and what must never ship. Pages has no deploy dry run, so this is the check that the output
 * deploys: _routes.json within Pages' limits, the gate bundled, the headers file complete.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { demoSlugs, filesUnder } from '../../scripts/lib/local-site/site-pages.ts';
import { targetSite } from '../support/e2e-env.ts';
import { RESTRICTED_MARK } from './helpers.ts';

const out = new URL('../../dist-pages/', import.meta.url).pathname;
// Markup only a rendered demo page has: the restricted page's mark, and the identity card.
const RESTRICTED_MARKERS = [RESTRICTED_MARK, '<access-identity'];

interface PagesRoutes {
  version: number;
  include: string[];
  exclude: string[];
}

/** `_headers` as Pages reads it: a path line, then its indented `Name: value` lines. */
function parseHeadersFile(text: string): Record<string, Record<string, string>> {
  const rules: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      current = rules[line.trim()] = {};
      continue;
    }
    const colon = line.indexOf(':');
    if (current && colon > 0) current[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return rules;
}

test('the public pages are files; the demo pages are not files, they are in the worker bundle', () => {
  for (const path of ['index.html', 'guides/index.html', 'inspect/index.html']) {
    expect(statSync(join(out, path)).isFile(), path).toBe(true);
  }
  const worker = readFileSync(join(out, '_worker.js'), 'utf8');
  for (const slug of demoSlugs()) {
    // Nothing under the demo's path: the asset server has no way to answer it without the gate.
    expect(existsSync(join(out, slug)), `${slug}/`).toBe(false);
    // The page's own address, as the demo page prints it (esbuild keeps the string's text as is).
    expect(worker, `${slug}'s page in _worker.js`).toContain(`>barbicancloud.co.uk/${slug}/<`);
  }
  expect(worker).toContain(RESTRICTED_MARKERS[0]);
  // Pages allows a 10 MB bundle (https://developers.cloudflare.com/pages/functions/advanced-mode/);
  // the gate's code is under 100 KB, and the demo pages' HTML needs a few hundred more.
  expect(Buffer.byteLength(worker)).toBeLessThan(1024 * 1024);
});

test('no file in dist-pages but _worker.js holds a demo page’s restricted markup', () => {
  const files = filesUnder(out).filter((file) => file !== join(out, '_worker.js') && /\.(m?js|html|json|css|xml|txt)$/.test(file));
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const marker of RESTRICTED_MARKERS) expect(text.includes(marker), `${marker} in ${file}`).toBe(false);
  }
});

test('_routes.json sends only / and the demo paths to the gate, never the hashed assets, within Pages limits', () => {
  const routes = JSON.parse(readFileSync(join(out, '_routes.json'), 'utf8')) as PagesRoutes;
  const slugs = demoSlugs();
  expect(slugs.length).toBeGreaterThan(0);
  // Each demo: its page without the slash (redirected by the gate's worker) and everything under it.
  const include = ['/', ...slugs.flatMap((slug) => [`/${slug}`, `/${slug}/*`])];
  expect({ ...routes, include: [...routes.include].sort() }).toEqual({ version: 1, include: include.sort(), exclude: ['/_astro/*'] });
  // Pages' limits (https://developers.cloudflare.com/pages/functions/routing/#limits): at most 100
  // rules, each at most 100 characters.
  const rules = [...routes.include, ...routes.exclude];
  expect(rules.length).toBeLessThanOrEqual(100);
  for (const rule of rules) expect(rule.length, rule).toBeLessThanOrEqual(100);
});

test('_headers gives the static files the security headers the Worker sends, and hashed assets a year of caching', async ({ request }) => {
  const rules = parseHeadersFile(readFileSync(join(out, '_headers'), 'utf8'));
  expect(Object.keys(rules).sort()).toEqual(['/*', '/_astro/*']);
  expect(rules['/_astro/*']).toEqual({ 'cache-control': 'public, max-age=31536000, immutable' });
  // An answer the Worker build renders itself (the gate's 403), as the Worker's runtime sends it.
  const refused = await request.get(`${targetSite('workers').baseUrl}/${demoSlugs()[0] ?? ''}/`);
  expect(refused.status()).toBe(403);
  const fromWorker = refused.headers();
  const securityHeaders = [
    'content-security-policy',
    'strict-transport-security',
    'x-content-type-options',
    'referrer-policy',
    'permissions-policy',
    'x-frame-options',
  ];
  expect(Object.keys(rules['/*'] ?? {}).sort()).toEqual([...securityHeaders].sort());
  for (const name of securityHeaders) expect(rules['/*']?.[name], name).toBe(fromWorker[name]);
});

test('the gate is bundled as _worker.js, and nothing of the dev mock or bypass ships', () => {
  const worker = readFileSync(join(out, '_worker.js'), 'utf8');
  expect(worker).toContain('Cf-Access-Jwt-Assertion');
  const markers = ['dev-bypass@localhost', 'devBypass', 'dev-persona', 'barbican:dev-access-mock', 'Morgan Many', 'Sam Visitor'];
  const shipped = filesUnder(out).filter((file) => /\.(m?js|html|json|css|xml)$/.test(file));
  expect(shipped.length).toBeGreaterThan(10);
  for (const file of shipped) {
    const text = readFileSync(file, 'utf8');
    for (const marker of markers) expect(text.includes(marker), `${marker} in ${file}`).toBe(false);
  }
});

test('the sitemap lists the public pages and no gated demo page', () => {
  const sitemap = readFileSync(join(out, 'sitemap-0.xml'), 'utf8');
  expect(sitemap).toContain('<loc>https://barbicancloud.co.uk/guides/</loc>');
  for (const slug of demoSlugs()) expect(sitemap).not.toContain(`https://barbicancloud.co.uk/${slug}/</loc>`);
});
