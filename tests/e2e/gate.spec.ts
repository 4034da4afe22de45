/**
 * The gate against each real build (the Worker under `wrangler dev`, the Pages output under
 * `wrangler pages dev`: one Playwright project each), with keys served by each target's stand-in
 * certs endpoint (tests/support/global-setup.ts). The ways a token can be refused are a case
 * list in tests/unit/verify-access-token.test.ts; here one of each kind (forged, expired, for
 * another application) proves the gate is wired into each target. Serial: the certs hit counter
 * must not see other tests of this file at the same time.
 */
import { base64url } from 'jose';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { AUDIENCES } from '../support/e2e-env.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { audTag } from '../../scripts/lib/local-site/test-keys.ts';
import { RESTRICTED_MARK, expectNoRestrictedContent, tokenFor } from './helpers.ts';
import type { DeployTarget } from '../support/e2e-env.ts';
import { currentSite, currentTarget } from './targets.ts';

test.describe.configure({ mode: 'serial' });

const HEADER = ACCESS_HEADER;

async function certHits(request: APIRequestContext): Promise<number> {
  const response = await request.get(`${currentSite().teamDomain}/__hits`);
  return ((await response.json()) as { certs: number }).certs;
}

test('a valid token for the demo: 200, the page, the verified email, and no caching', async ({ request }) => {
  const response = await request.get('/scim-a/', {
    headers: { [HEADER]: await tokenFor('scim-a', { email: 'jane@barbicancloud.co.uk' }) },
  });
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('private, no-store');
  // No validator either: the page is this visitor's, not a file to revalidate.
  expect(response.headers()['etag']).toBeUndefined();
  const body = await response.text();
  expect(body).toContain(RESTRICTED_MARK);
  expect(body).toMatch(/Signed in as <strong[^>]*>jane@barbicancloud\.co\.uk<\/strong>/);
});

test('every demo page, served with its own token, is the restricted page: it carries the mark the leak checks look for', async ({
  request,
}) => {
  const slugs = Object.keys(AUDIENCES);
  expect(slugs.length).toBeGreaterThan(0);
  for (const slug of slugs) {
    const response = await request.get(`/${slug}/`, { headers: { [HEADER]: await tokenFor(slug) } });
    expect(response.status(), `/${slug}/`).toBe(200);
    const body = await response.text();
    expect(body, `/${slug}/`).toContain(RESTRICTED_MARK);
    // The demo that was asked for: its routing table names its own address.
    expect(body, `/${slug}/`).toContain(`>barbicancloud.co.uk/${slug}/<`);
  }
});

test('the verified email is shown as text: a hostile email claim cannot add markup', async ({ request }) => {
  const response = await request.get('/scim-a/', {
    headers: { [HEADER]: await tokenFor('scim-a', { email: '<img src=x onerror=alert(1)>@evil.example' }) },
  });
  expect(response.status()).toBe(200);
  const body = await response.text();
  expect(body).toMatch(/Signed in as <strong[^>]*>&lt;img src=x onerror=alert\(1\)&gt;@evil\.example<\/strong>/);
  expect(body).not.toContain('<img src=x');
});

test('side doors are closed: through any host (a pages.dev or preview address too), no token gets 403 on every demo page', async ({
  request,
}) => {
  const hosts = [
    'barbican-identity-demo.pages.dev',
    '3f2a1b9c.barbican-identity-demo.pages.dev',
    'barbican-identity-demo.example.workers.dev',
  ];
  for (const slug of Object.keys(AUDIENCES)) {
    for (const host of hosts) {
      const response = await request.get(`/${slug}/`, { headers: { Host: host }, maxRedirects: 0 });
      expect(response.status(), `${host}/${slug}/`).toBe(403);
      expectNoRestrictedContent(await response.text(), `${host}/${slug}/`);
      // The page's file by name: refused on Pages (the gate runs on the demo's whole path), not
      // a page at all in the Worker; never the demo.
      const byFile = await request.get(`/${slug}/index.html`, { headers: { Host: host }, maxRedirects: 0 });
      expect([403, 404], `${host}/${slug}/index.html`).toContain(byFile.status());
      expectNoRestrictedContent(await byFile.text(), `${host}/${slug}/index.html`);
    }
  }
});

test('/<slug> without its slash is sent on to /<slug>/ before the gate (308, the query kept, nothing restricted)', async ({
  request,
  baseURL,
}) => {
  for (const slug of Object.keys(AUDIENCES)) {
    const response = await request.get(`/${slug}?persona=member`, { maxRedirects: 0 });
    expect(response.status(), `/${slug}`).toBe(308);
    expect(response.headers()['location']).toBe(`/${slug}/?persona=member`);
    expectNoRestrictedContent(await response.text(), `/${slug}`);
  }
  // A doubled slash names no demo to redirect to: never a protocol-relative Location.
  const doubled = await request.get(`${new URL(baseURL ?? '').origin}//scim-a`, { maxRedirects: 0 });
  expect(doubled.headers()['location'] ?? '').not.toMatch(/^\/\//);
  expectNoRestrictedContent(await doubled.text());
});

test('the subdomain route serves the same demo, gated by its own application', async ({ request }) => {
  const subdomainToken = await tokenFor('scim-a', { audience: AUDIENCES['scim-a']?.[1] ?? '' });
  const response = await request.get('/', { headers: { Host: 'scim-a.barbicancloud.co.uk', [HEADER]: subdomainToken } });
  expect(response.status()).toBe(200);
  const body = await response.text();
  expect(body).toContain(RESTRICTED_MARK);
  // Links back to the rest of the site go to the apex, and assets stay on this host.
  expect(body).toContain('href="https://barbicancloud.co.uk/"');
  expect(body).toMatch(/src="\/_astro\/[^"]+\.js"/);
  const asset = body.match(/src="(\/_astro\/[^"]+\.js)"/)?.[1] ?? '';
  expect((await request.get(asset, { headers: { Host: 'scim-a.barbicancloud.co.uk' } })).status()).toBe(200);

  const unsigned = await request.get('/', { headers: { Host: 'scim-a.barbicancloud.co.uk' } });
  expect(unsigned.status()).toBe(403);
  expectNoRestrictedContent(await unsigned.text());
});

test('a demo subdomain serves only its own demo: another demo’s path there is not a way round its gate', async ({ request }) => {
  const scimAToken = await tokenFor('scim-a', { audience: AUDIENCES['scim-a']?.[1] ?? '' });
  const response = await request.get('/scim-b/', { headers: { Host: 'scim-a.barbicancloud.co.uk', [HEADER]: scimAToken } });
  const body = await response.text();
  // The routing table names the demo that was rendered.
  expect(body).toContain('>barbicancloud.co.uk/scim-a/<');
  expect(body).not.toContain('>barbicancloud.co.uk/scim-b/<');
});

/**
 * Other spellings of a demo's path, and what each target answers without a token: 403 where the
 * target routes the spelling to the gate; 404 where it routes it nowhere. The Worker matches its
 * routes on the decoded path, without case. `wrangler pages dev` sends only the exact `_routes.json`
 * paths to `_worker.js`, and the asset server answers the rest, where the demo pages are no files.
 */
const SPELLINGS: Record<string, Record<DeployTarget, number>> = {
  '/scim%2Da/': { workers: 403, pages: 404 },
  '/%73cim-a/': { workers: 403, pages: 404 },
  '/SCIM-A/': { workers: 403, pages: 404 },
  '/scim-a/index.html': { workers: 404, pages: 403 },
};

test('every spelling of a demo’s path meets the gate or finds nothing: never 200, never the page', async ({ request }) => {
  for (const [path, status] of Object.entries(SPELLINGS)) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(status[currentTarget()]);
    expectNoRestrictedContent(await response.text(), path);
  }
  // A malformed escape names no demo and no page.
  for (const path of ['/scim%ZZa/', '/scim-a/%ZZ']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expectNoRestrictedContent(await response.text(), path);
  }
});

test('a demo’s token opens that demo under the spellings its target routes, and another demo under none', async ({ request }) => {
  const headers = { [HEADER]: await tokenFor('scim-a') };
  for (const path of ['/%73cim-a/', '/SCIM-A/']) {
    const response = await request.get(path, { headers, maxRedirects: 0 });
    expect(response.status(), path).toBe(currentTarget() === 'workers' ? 200 : 404);
    if (response.ok()) expect(await response.text(), path).toContain('>barbicancloud.co.uk/scim-a/<');
  }
  for (const path of ['/scim-b/', '/SCIM-B/', '/scim%2Db/']) {
    const response = await request.get(path, { headers, maxRedirects: 0 });
    expect([403, 404], path).toContain(response.status());
    expectNoRestrictedContent(await response.text(), path);
  }
});

test('on a demo subdomain with its valid token, no spelling of another demo’s path serves that demo', async ({ request }) => {
  const scimAToken = await tokenFor('scim-a', { audience: AUDIENCES['scim-a']?.[1] ?? '' });
  const headers = { Host: 'scim-a.barbicancloud.co.uk', [HEADER]: scimAToken };
  const byFile = await request.get('/scim-b/index.html', { headers, maxRedirects: 0 });
  expect(byFile.status()).toBe(404);
  expect(await byFile.text()).not.toContain('>barbicancloud.co.uk/scim-b/<');
  for (const path of ['/SCIM-B/', '/scim%2Db/']) {
    const response = await request.get(path, { headers, maxRedirects: 0 });
    const body = await response.text();
    expect(body, path).not.toContain('>barbicancloud.co.uk/scim-b/<');
    // Where the target routes it to a page at all, that page is the subdomain's own demo.
    expect(response.status(), path).toBe(currentTarget() === 'workers' ? 200 : 404);
    if (response.ok()) expect(body, path).toContain('>barbicancloud.co.uk/scim-a/<');
  }
});

/** No token, and one token of each kind the gate refuses: every reason is in verify-access-token.test.ts. */
const refusals: [string, () => Promise<string | undefined>][] = [
  ['no token', () => Promise.resolve(undefined)],
  [
    'a forged token (the payload changed after signing)',
    async () => {
      const [h, p, sig] = (await tokenFor('scim-a')).split('.');
      const payload = JSON.parse(new TextDecoder().decode(base64url.decode(p ?? ''))) as Record<string, unknown>;
      payload['email'] = 'ceo@barbicancloud.co.uk';
      return [h, base64url.encode(JSON.stringify(payload)), sig].join('.');
    },
  ],
  ['an expired token', () => tokenFor('scim-a', { expiresIn: Math.floor(Date.now() / 1000) - 300 })],
  // The wrong audience that matters here: another demo's application, which the same team signs.
  ["a token for another demo's application", () => tokenFor('scim-a', { audience: AUDIENCES['scim-b']?.[0] ?? audTag('scim-b') })],
];

for (const [name, token] of refusals) {
  test(`403 for ${name}, with an explanation, no caching and nothing restricted`, async ({ request }) => {
    const value = await token();
    const response = await request.get('/scim-a/', { headers: value === undefined ? {} : { [HEADER]: value } });
    expect(response.status()).toBe(403);
    expect(response.headers()['cache-control']).toBe('private, no-store');
    const body = await response.text();
    expect(body).toContain('Sign in through Cloudflare Access');
    expect(body).toContain('data-gate-reason');
    expectNoRestrictedContent(body);
  });
}

test('the certs endpoint is fetched once for many requests, not per request', async ({ request }) => {
  await request.get('/scim-a/', { headers: { [HEADER]: await tokenFor('scim-a') } }); // warm
  const before = await certHits(request);
  expect(before).toBeGreaterThanOrEqual(1);
  for (let i = 0; i < 15; i++) {
    const response = await request.get('/scim-a/', {
      headers: { [HEADER]: await tokenFor('scim-a', { email: `user${i}@barbicancloud.co.uk` }) },
    });
    expect(response.status()).toBe(200);
  }
  expect(await certHits(request)).toBe(before);
});

test('security headers are on every kind of response', async ({ request }) => {
  const home = await request.get('/');
  const asset = (await home.text()).match(/\/_astro\/[^"]+\.(?:js|css)/)?.[0];
  const paths: [string, Record<string, string>][] = [
    ['/', {}],
    ['/favicon.png', {}],
    ['/guides/', {}],
    ['/no-such-page/', {}],
    ['/scim-a/', {}],
    ['/scim-a/', { [HEADER]: await tokenFor('scim-a') }],
    ['/', { Host: 'scim-a.barbicancloud.co.uk' }],
  ];
  if (asset) paths.push([asset, {}]);
  for (const [path, headers] of paths) {
    const response = await request.get(path, { headers });
    const h = response.headers();
    const where = `${path} ${JSON.stringify(Object.keys(headers))} (${response.status()})`;
    expect(h['content-security-policy'], where).toContain("frame-ancestors 'none'");
    // Own-origin scripts, and WebAssembly compilation for the search index: never JavaScript eval.
    expect(h['content-security-policy'], where).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(h['content-security-policy'], where).not.toContain("'unsafe-eval'");
    expect(h['strict-transport-security'], where).toContain('max-age=');
    expect(h['x-content-type-options'], where).toBe('nosniff');
    expect(h['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
    expect(h['permissions-policy'], where).toContain('camera=()');
    // Left out on purpose (see security-headers.ts): it puts each entry to the site in a new process.
    expect(h['cross-origin-opener-policy'], where).toBeUndefined();
  }
});

test('hashed assets are cached for a year, immutable', async ({ request }) => {
  const scim = await request.get('/scim-a/', { headers: { [HEADER]: await tokenFor('scim-a') } });
  const asset = (await scim.text()).match(/\/_astro\/[^"]+\.js/)?.[0] ?? '';
  expect(asset).not.toBe('');
  expect((await request.get(asset)).headers()['cache-control']).toBe('public, max-age=31536000, immutable');
});
