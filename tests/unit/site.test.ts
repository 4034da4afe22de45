import { describe, expect, it } from 'vitest';
import { demoRoutes, slugFromHost } from '../../src/lib/site.ts';
import { headersFileContent } from '../../src/security/headers-file.ts';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, withSecurityHeaders } from '../../src/security/security-headers.ts';

describe('routes', () => {
  it('derives both routes of a demo from its slug and the domain', () => {
    expect(demoRoutes('scim-a', 'barbicancloud.co.uk')).toEqual({
      pathLabel: 'barbicancloud.co.uk/scim-a/',
      subdomainLabel: 'scim-a.barbicancloud.co.uk',
      pathUrl: 'https://barbicancloud.co.uk/scim-a/',
      subdomainUrl: 'https://scim-a.barbicancloud.co.uk/',
    });
  });

  it.each([
    ['scim-a.barbicancloud.co.uk', 'scim-a'],
    ['SCIM-A.BarbicanCloud.co.uk:443', 'scim-a'],
    ['scim-a.barbicancloud.co.uk.', 'scim-a'],
    ['barbicancloud.co.uk', undefined],
    ['www.barbicancloud.co.uk', undefined],
    ['a.b.barbicancloud.co.uk', undefined],
    ['scim-a.evil.example', undefined],
    ['scim-abarbicancloud.co.uk', undefined],
    [null, undefined],
  ])('host %s → %s', (host, slug) => {
    expect(slugFromHost(host, 'barbicancloud.co.uk')).toBe(slug);
  });
});

describe('security headers', () => {
  it('has a CSP with no inline or eval script sources, and no framing', () => {
    const scriptSrc = CONTENT_SECURITY_POLICY.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    // Own-origin files, plus WebAssembly compilation for the search index (never JavaScript eval).
    expect(scriptSrc.trim()).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
  });

  it('writes the same headers into _headers for static assets, plus immutable caching of hashed assets', () => {
    const file = headersFileContent();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(file).toContain(`  ${name}: ${value}`);
    expect(file).toMatch(/\/_astro\/\*\n {2}Cache-Control: public, max-age=31536000, immutable/);
  });

  it('adds the headers to immutable responses (e.g. from fetch) by copying them', () => {
    const frozen = Response.redirect('https://example.com/', 302);
    const result = withSecurityHeaders(frozen);
    expect(result.headers.get('X-Frame-Options')).toBe('DENY');
    expect(result.status).toBe(302);
  });
});
