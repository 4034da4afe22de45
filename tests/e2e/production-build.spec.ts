/**
 * Checks on the production build itself (no browser): what must never ship, and that it
 * deploys as configured.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { demoSlugs, filesUnder, staticPagePaths } from '../../scripts/lib/local-site/site-pages.ts';
import { fixtures } from '../../src/dev/personas/index.ts';
import { RESTRICTED_MARK } from './helpers.ts';

const dist = new URL('../../dist/', import.meta.url).pathname;

const shipped = () =>
  filesUnder(dist)
    .filter((file) => /\.(m?js|html|json|css|xml)$/.test(file) && !file.includes('wrangler.'))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));

/**
 * Every persona's name and user id: strings that exist only in the dev fixtures (the templates
 * and guides never name a persona), so finding one in the build means a fixture shipped.
 */
function personaMarkers(): string[] {
  const markers = new Set<string>();
  for (const fixture of Object.values(fixtures)) {
    const body = fixture.body as { name?: unknown; id?: unknown } | string;
    if (typeof body !== 'object') continue;
    for (const value of [body.name, body.id]) if (typeof value === 'string') markers.add(value);
  }
  return [...markers];
}

test('the production build contains no dev mock, no persona fixtures and no gate bypass', () => {
  const personas = personaMarkers();
  expect(personas.length, 'persona markers found').toBeGreaterThanOrEqual(5);
  const markers = ['dev-bypass@localhost', 'devBypass', 'dev-persona', 'barbican:dev-access-mock', ...personas];
  const files = shipped();
  expect(files.length).toBeGreaterThan(10);
  for (const { file, text } of files) {
    for (const marker of markers) expect(text.includes(marker), `${marker} in ${file}`).toBe(false);
  }
});

test('no static file holds a demo page: the demo pages are rendered on demand, after the gate', () => {
  const files = filesUnder(join(dist, 'client')).filter((file) => /\.(m?js|html|json|css|xml|txt)$/.test(file));
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) expect(readFileSync(file, 'utf8').includes(RESTRICTED_MARK), `${RESTRICTED_MARK} in ${file}`).toBe(false);
  // Where the mark does belong: the Worker's own code, which renders the demo pages.
  const server = filesUnder(join(dist, 'server')).filter((file) => /\.m?js$/.test(file));
  expect(server.some((file) => readFileSync(file, 'utf8').includes(RESTRICTED_MARK))).toBe(true);
});

test('the sitemap lists the public pages, and no gated demo page', () => {
  const index = readFileSync(join(dist, 'client/sitemap-index.xml'), 'utf8');
  expect(index).toContain('https://barbicancloud.co.uk/sitemap-0.xml');
  const sitemap = readFileSync(join(dist, 'client/sitemap-0.xml'), 'utf8');
  const listed = [...sitemap.matchAll(/<loc>https:\/\/barbicancloud\.co\.uk(\/[^<]*)<\/loc>/g)].map((m) => m[1]);
  // Every prerendered page (the public ones: home, guides, every demo's public guide), and only them.
  expect(listed.sort()).toEqual(staticPagePaths().sort());
  for (const slug of demoSlugs()) {
    expect(listed).toContain(`/guides/${slug}/`);
    expect(sitemap).not.toContain(`https://barbicancloud.co.uk/${slug}/</loc>`);
  }
});

test('no mermaid runtime is shipped to the browser', () => {
  const clientScripts = filesUnder(join(dist, 'client')).filter((file) => file.endsWith('.js'));
  for (const file of clientScripts) expect(readFileSync(file, 'utf8')).not.toMatch(/mermaid/i);
});

test('the Worker deploys as configured (wrangler deploy --dry-run): no workers.dev, no previews, custom domains', () => {
  const built = JSON.parse(readFileSync(join(dist, 'server/wrangler.json'), 'utf8')) as Record<string, unknown>;
  expect(built['workers_dev']).toBe(false);
  expect(built['preview_urls']).toBe(false);
  expect(built['routes']).toContainEqual({ pattern: 'barbicancloud.co.uk', custom_domain: true });
  for (const slug of demoSlugs()) {
    expect(built['routes'], `${slug} has no subdomain route`).toContainEqual({
      pattern: `${slug}.barbicancloud.co.uk`,
      custom_domain: true,
    });
    expect(
      (built['vars'] as { ACCESS_AUDIENCES: Record<string, string[]> }).ACCESS_AUDIENCES[slug],
      `${slug} has no AUD entry`,
    ).toHaveLength(2);
  }
  expect((built['assets'] as { run_worker_first?: string[] }).run_worker_first).toContain('/');
  const output = execFileSync('wrangler', ['deploy', '--dry-run'], {
    cwd: new URL('../..', import.meta.url).pathname,
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  expect(output).toContain('--dry-run: exiting now.');
  expect(output).toContain('env.ASSETS');
});
