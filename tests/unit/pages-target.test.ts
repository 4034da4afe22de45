import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSiteManifest } from '../../src/build/site-manifest.ts';
import type { SiteManifest } from '../../src/gate/site-manifest.ts';
import { bundlePagesWorker } from '../../src/pages-target/bundle-worker.ts';
import { takeDemoPages } from '../../src/pages-target/demo-pages.ts';
import { isSiteLink } from '../../src/pages-target/gated-page.ts';
import { verifiedEmailLine } from '../../src/lib/verified-email-line.ts';
import { ROUTES_LIMITS, pagesRoutes, routesProblems } from '../../src/pages-target/pages-routes.ts';

const manifestOf = (count: number, slugLength = 6): SiteManifest => ({
  domain: 'example.test',
  demos: Array.from({ length: count }, (_, i) => ({
    slug: `d${String(i).padStart(slugLength - 1, '0')}`,
    gate: 'any-signed-in-user' as const,
  })),
});

describe('_routes.json', () => {
  it('sends only / and the demo paths to the gate, and never hashed assets', () => {
    expect(pagesRoutes(manifestOf(2))).toEqual({
      version: 1,
      include: ['/', '/d00000', '/d00000/*', '/d00001', '/d00001/*'],
      exclude: ['/_astro/*'],
    });
  });

  it('for the real demos, keeps within Pages limits (at least one include, 100 rules, 100 characters each)', () => {
    const routes = pagesRoutes(readSiteManifest());
    expect(routesProblems(routes)).toEqual([]);
    expect(routes.include.length).toBeGreaterThanOrEqual(1);
    expect(routes.include.length + routes.exclude.length).toBeLessThanOrEqual(ROUTES_LIMITS.maxRules);
    for (const rule of [...routes.include, ...routes.exclude]) expect(rule.length).toBeLessThanOrEqual(ROUTES_LIMITS.maxRuleLength);
  });

  it('says when the demos outgrow the limits', () => {
    expect(routesProblems(pagesRoutes(manifestOf(50)))).toEqual(['_routes.json has 102 rules; Pages allows 100 (each demo takes 2)']);
    expect(routesProblems(pagesRoutes(manifestOf(1, 99)))[0]).toMatch(/is longer than 100 characters/);
    expect(routesProblems({ version: 1, include: [], exclude: [] })).toEqual(['_routes.json must include at least one rule']);
  });
});

/** A fixture output folder: a public page, and a prerendered page per demo of the manifest. */
function fixtureOutput(manifest: SiteManifest): string {
  const dir = mkdtempSync(join(tmpdir(), 'pages-output-'));
  writeFileSync(join(dir, 'index.html'), '<p>public home</p>');
  for (const { slug } of manifest.demos) {
    mkdirSync(join(dir, slug));
    writeFileSync(join(dir, slug, 'index.html'), `<p data-fixture-demo="${slug}">restricted ${slug}</p>`);
  }
  return dir;
}

describe('the demo pages of the Pages build', () => {
  it('are read, then taken out of the output: no demo page is left as a static file', async () => {
    const manifest = manifestOf(2);
    const dir = fixtureOutput(manifest);
    expect(await takeDemoPages(dir, manifest)).toEqual({
      d00000: '<p data-fixture-demo="d00000">restricted d00000</p>',
      d00001: '<p data-fixture-demo="d00001">restricted d00001</p>',
    });
    expect(existsSync(join(dir, 'd00000'))).toBe(false);
    expect(existsSync(join(dir, 'd00001'))).toBe(false);
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
  });

  it('fail the build, naming the demo, when one was not prerendered', async () => {
    const dir = fixtureOutput(manifestOf(1));
    await expect(takeDemoPages(dir, manifestOf(2))).rejects.toThrow(/no prerendered page for the demo "d00001"/);
    // Nothing is removed from an output the build rejects.
    expect(existsSync(join(dir, 'd00000', 'index.html'))).toBe(true);
  });
});

describe('the Pages _worker.js', () => {
  it('bundles offline from the shared gate, with the manifest and the demo pages inlined and no dev code', async () => {
    const manifest = readSiteManifest();
    const pages = Object.fromEntries(manifest.demos.map(({ slug }) => [slug, `<p>fixture page of ${slug}</p>`]));
    const code = await bundlePagesWorker(manifest, pages);
    expect(code).toContain('"scim-a"');
    expect(code).toContain('Cf-Access-Jwt-Assertion');
    for (const { slug } of manifest.demos) expect(code).toContain(`<p>fixture page of ${slug}</p>`);
    for (const marker of ['dev-bypass@localhost', 'devBypass', 'dev-persona', 'import.meta.env', 'astro:content'])
      expect(code).not.toContain(marker);
    // The code alone, with fixture pages: zod's mini build and jose, no more. The real bundle
    // adds the demo pages' HTML, and has a budget of its own (tests/e2e/pages-build.spec.ts).
    expect(code.length).toBeLessThan(100 * 1024);
  });

  it('writes the verified email as text, never as markup', () => {
    expect(verifiedEmailLine('<img src=x onerror=alert(1)>@evil')).toBe(
      '<p class="verified">Signed in as <strong>&lt;img src=x onerror=alert(1)&gt;@evil</strong> (token verified at the edge).</p>',
    );
  });

  it('on a subdomain, points site links at the apex but leaves assets and other origins alone', () => {
    expect(isSiteLink('/guides/')).toBe(true);
    expect(isSiteLink('/')).toBe(true);
    expect(isSiteLink('/_astro/card.js')).toBe(false);
    expect(isSiteLink('//evil.example/')).toBe(false);
    expect(isSiteLink('https://example.test/')).toBe(false);
    expect(isSiteLink('#routing')).toBe(false);
  });
});
