import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSiteManifest } from '../../src/build/site-manifest.ts';
import { demoForRequest, firstPathSegment, type SiteManifest } from '../../src/gate/site-manifest.ts';
import { registryProblems } from '../../scripts/check-demo-registry.ts';
import { readWranglerConfig } from '../../scripts/lib/wrangler-config.ts';
import { AUDIENCES } from '../support/e2e-env.ts';

/** A throwaway project with the given demo files (fixtures: never the real guides' wording). */
function fixtureProject(demos: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'demo-registry-'));
  mkdirSync(join(root, 'content', 'demos'), { recursive: true });
  for (const [name, text] of Object.entries(demos)) writeFileSync(join(root, 'content', 'demos', name), text);
  return root;
}

const demo = (slug: string, order: number, gate = 'any-signed-in-user') =>
  `---\ntitle: Fixture ${slug}\nprotocol: OIDC\ngate: ${gate}\nslug: ${slug}\norder: ${order}\nsummary: A fixture demo.\nverified: 2026-11-30\n---\n\n## Body\n`;

const fixtureManifest: SiteManifest = {
  domain: 'example.test',
  demos: [
    { slug: 'alpha', gate: 'any-signed-in-user' },
    { slug: 'beta', gate: { group: 'G', selector: 'azure-groups' } },
  ],
};

describe('the site manifest: the demos collection, as the gate needs it', () => {
  it('lists each demo file by slug and gate, in home-page order', () => {
    const root = fixtureProject({ 'b.mdx': demo('beta', 20, '\n  group: G\n  selector: saml-group'), 'a.mdx': demo('alpha', 10) });
    expect(readSiteManifest({ root, domain: 'example.test' })).toEqual({
      domain: 'example.test',
      demos: [
        { slug: 'alpha', gate: 'any-signed-in-user' },
        {
          slug: 'beta',
          gate: { group: 'G', selector: 'saml-group', attribute: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups' },
        },
      ],
    });
  });

  it('names the file and the field when a demo does not match the schema', () => {
    const root = fixtureProject({ 'bad.mdx': demo('Not A Slug', 10) });
    expect(() => readSiteManifest({ root })).toThrow(/content\/demos\/bad\.mdx: .*slug: slug must be lower-case/);
  });

  it('refuses two demos with one slug, naming both files', () => {
    const root = fixtureProject({ 'one.mdx': demo('same', 1), 'two.mdx': demo('same', 2) });
    expect(() => readSiteManifest({ root })).toThrow(/"same" is used by both content\/demos\/one\.mdx and content\/demos\/two\.mdx/);
  });

  it('the test audiences cover exactly the real demos', () => {
    expect(Object.keys(AUDIENCES).sort()).toEqual(
      readSiteManifest()
        .demos.map((d) => d.slug)
        .sort(),
    );
  });
});

describe('which demo a request is for', () => {
  const at = (url: string, host?: string) => demoForRequest(fixtureManifest, new URL(url), host ?? new URL(url).host)?.demo.slug;

  it('by path, by subdomain, and the host wins over the path', () => {
    expect(at('https://example.test/alpha/')).toBe('alpha');
    expect(at('https://beta.example.test/')).toBe('beta');
    expect(at('https://beta.example.test/alpha/')).toBe('beta');
    expect(at('https://example.test/guides/')).toBeUndefined();
    expect(at('https://gamma.example.test/')).toBeUndefined();
  });

  it('ignores where the request came through: a pages.dev or preview host is gated by path like any other', () => {
    expect(at('https://x.pages.dev/alpha/', 'barbican.pages.dev')).toBe('alpha');
    expect(at('https://x.pages.dev/alpha/index.html', 'abc123.barbican.pages.dev')).toBe('alpha');
  });

  it('matches the path as a file server reads it: percent-decoded and without case', () => {
    expect(at('https://example.test/alph%61/')).toBe('alpha');
    expect(at('https://example.test/%61lpha/')).toBe('alpha');
    expect(at('https://example.test/%41LPHA/')).toBe('alpha');
    expect(at('https://example.test/ALPHA/')).toBe('alpha');
    expect(at('https://example.test/Alpha/index.html')).toBe('alpha');
    // An escaped separator splits the path as the decoded one would.
    expect(at('https://example.test/alpha%2Findex.html')).toBe('alpha');
    expect(at('https://example.test/%2Falpha/')).toBe('alpha');
    expect(at('https://example.test/%5Calpha/')).toBe('alpha');
    // Escaped once more it is not the demo's path, to a server that decodes once.
    expect(at('https://example.test/%2561lpha/')).toBeUndefined();
    expect(at('https://example.test/guid%65s/')).toBeUndefined();
  });

  it('a malformed escape names no demo (and no page), wherever it is in the path', () => {
    expect(firstPathSegment('/alph%ZZ/')).toBeNull();
    expect(firstPathSegment('/alpha/%E0%A4%A')).toBeNull();
    expect(firstPathSegment('/%/')).toBeNull();
    expect(at('https://example.test/alph%ZZa/')).toBeUndefined();
    // The host still names its demo: no path escapes a subdomain's gate.
    expect(at('https://beta.example.test/%ZZ/')).toBe('beta');
  });
});

describe('wrangler.jsonc against the demos collection', () => {
  const config = {
    routes: [
      { pattern: 'example.test', custom_domain: true },
      { pattern: 'alpha.example.test', custom_domain: true },
    ],
    vars: { ACCESS_AUDIENCES: { alpha: ['<a>', '<b>'] } },
  };

  it('names the demo and says what to add when its route or AUD placeholders are missing', () => {
    expect(registryProblems(fixtureManifest, config)).toEqual([
      'demo "beta": wrangler.jsonc has no route for beta.example.test: add { "pattern": "beta.example.test", "custom_domain": true } to "routes"',
      'demo "beta": wrangler.jsonc vars.ACCESS_AUDIENCES needs its two AUD tags: add "beta": ["<AUD tag of example.test/beta/*>", "<AUD tag of beta.example.test>"]',
    ]);
  });

  it('names entries that no demo declares', () => {
    const stale = {
      routes: [
        ...config.routes,
        { pattern: 'beta.example.test', custom_domain: true },
        { pattern: 'gone.example.test', custom_domain: true },
      ],
      vars: { ACCESS_AUDIENCES: { alpha: ['<a>', '<b>'], beta: ['<a>', '<b>'], gone: ['<a>', '<b>'] } },
    };
    expect(registryProblems(fixtureManifest, stale)).toEqual([
      'wrangler.jsonc vars.ACCESS_AUDIENCES has "gone", which no file in content/demos declares: remove it',
      'wrangler.jsonc routes has gone.example.test, which no file in content/demos declares: remove it',
    ]);
  });

  it('the committed wrangler.jsonc agrees with content/demos', () => {
    expect(registryProblems(readSiteManifest(), readWranglerConfig())).toEqual([]);
  });
});
