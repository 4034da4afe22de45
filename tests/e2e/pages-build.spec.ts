/**
 * Checks on the Pages build itself (no browser, no network): what Pages reads beside the pages,
 * and what must never ship. Pages has no deploy dry run, so this is the check that the output
 * deploys: _routes.json within Pages' limits, the gate bundled, the headers file complete.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readSiteManifest } from '../../src/build/site-manifest.ts';
import { headersFileContent } from '../../src/security/headers-file.ts';
import { pagesRoutes, routesProblems, type PagesRoutes } from '../../src/pages-target/pages-routes.ts';
import { demoSlugs, filesUnder } from '../../scripts/lib/local-site/site-pages.ts';

const out = new URL('../../dist-pages/', import.meta.url).pathname;
// Markup only a rendered demo page has: the identity card, and the section that holds it.
const RESTRICTED_MARKERS = ['<access-identity', 'id="your-identity"'];

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

test('_routes.json sends only / and the demo paths to the gate, within Pages limits', () => {
  const routes = JSON.parse(readFileSync(join(out, '_routes.json'), 'utf8')) as PagesRoutes;
  expect(routes).toEqual(pagesRoutes(readSiteManifest()));
  expect(routesProblems(routes)).toEqual([]);
  expect(routes.include).not.toContain('/guides/*');
  expect(routes.exclude).toContain('/_astro/*');
});

test('_headers carries the same security headers as the Worker build', () => {
  expect(readFileSync(join(out, '_headers'), 'utf8')).toBe(headersFileContent());
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
