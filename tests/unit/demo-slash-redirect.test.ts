import { describe, expect, it } from 'vitest';
import { demoSlashRedirect } from '../../src/gate/demo-slash-redirect.ts';
import type { SiteManifest } from '../../src/gate/site-manifest.ts';

const manifest: SiteManifest = {
  domain: 'example.test',
  demos: [
    { slug: 'alpha', gate: 'any-signed-in-user' },
    { slug: 'beta-two', gate: { group: 'G', selector: 'azure-groups' } },
  ],
};

const redirect = (url: string) => demoSlashRedirect(new URL(url), manifest);

describe('/<slug> is sent on to /<slug>/ before the gate', () => {
  it.each([
    ['https://example.test/alpha', '/alpha/'],
    ['https://example.test/beta-two', '/beta-two/'],
    ['https://example.test/alpha?persona=member&x=1', '/alpha/?persona=member&x=1'],
    ['https://alpha.example.test/alpha', '/alpha/'],
  ])('%s → 308 %s', (url, location) => {
    const response = redirect(url);
    expect(response?.status).toBe(308);
    expect(response?.headers.get('Location')).toBe(location);
  });

  it('answers with no body: nothing of the page', async () => {
    expect(await redirect('https://example.test/alpha')?.text()).toBe('');
  });

  it.each([
    'https://example.test/alpha/',
    'https://example.test/ALPHA',
    'https://example.test/%61lpha',
    'https://example.test/alpha/index.html',
    'https://example.test//alpha',
    'https://example.test/alpha%2F',
    'https://example.test/gamma',
    'https://example.test/',
    'https://example.test/guides/alpha',
    // Never a protocol-relative or off-site Location built from the path.
    'https://example.test/\\alpha',
    'https://example.test/alpha//evil.example',
    'https://example.test/%2F%2Fevil.example',
  ])('%s keeps its own handling (no redirect)', (url) => {
    expect(redirect(url)).toBeUndefined();
  });
});
