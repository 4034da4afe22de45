/**
 * The content lint's rules, each on small MDX fixtures written here (never on the site's own
 * pages, whose wording may change), and the command's output format on a fixture folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLink } from '../../scripts/content-lint/allowed-links.ts';
import { lintPage } from '../../scripts/content-lint/lint-page.ts';

const page = (body: string, frontmatter = 'title: T\nverified: 2026-11-30') => `---\n${frontmatter}\n---\n\n${body}\n`;
const SOURCES = '\n\n## Sources\n\n- [Cloudflare](https://developers.cloudflare.com/cloudflare-one/)';
const rulesOf = (path: string, source: string) => lintPage(path, source).map((f) => `${f.line} ${f.rule}`);

describe('Enable SCIM without Support groups', () => {
  it('flags a list item that turns on Enable SCIM alone, on its line', () => {
    const source = page(`Intro.\n\n1. Open the provider\n2. Turn on **Enable SCIM**, then select **Regenerate Secret**${SOURCES}`);
    expect(rulesOf('content/demos/x.mdx', source)).toEqual(['9 scim-needs-support-groups']);
  });

  it('flags a paragraph, also when the sentence runs over two lines', () => {
    const source = page(`To sync groups, switch on **Enable\nSCIM** on the provider.${SOURCES}`);
    expect(rulesOf('content/demos/x.mdx', source)).toEqual(['6 scim-needs-support-groups']);
  });

  it('accepts Enable SCIM next to Support groups, in the same item or paragraph', () => {
    const source = page(`1. Turn on **Enable SCIM** and
   **Support groups**

Nothing to add: **Enable SCIM** and **Support Groups** are shared.${SOURCES}`);
    expect(rulesOf('content/demos/x.mdx', source)).toEqual([]);
  });

  it('reads a list item as a whole, so a sub-point can carry Support groups', () => {
    const source = page(`- **Enable SCIM** on the provider:\n  - and **Support groups** too${SOURCES}`);
    expect(rulesOf('content/demos/x.mdx', source)).toEqual([]);
  });
});

describe('the old path to a self-hosted application', () => {
  it.each([
    'Go to **Access controls → Applications → Add an application → Self-hosted**.',
    'Go to Access > Applications > Add an Application > Self-hosted.',
    'Go to Applications -> Add an application -> Self-hosted.',
    'Go to `Add an application › Self-hosted`.',
  ])('flags %j', (text) => {
    expect(rulesOf('content/guides/x.mdx', page(text))).toEqual(['6 current-self-hosted-path']);
  });

  it('accepts the current path', () => {
    const text = 'Go to **Access controls → Applications → Create new application → Self-hosted and private**.';
    expect(rulesOf('content/guides/x.mdx', page(text))).toEqual([]);
  });
});

describe('verified dates and Sources sections', () => {
  it('asks every demo and guide for a verified date, not a partial', () => {
    expect(rulesOf('content/guides/x.mdx', page('Text.', 'title: T'))).toEqual(['1 verified-date']);
    expect(rulesOf('content/partials/x.mdx', page('Text.', 'title: T'))).toEqual([]);
  });

  it('asks every demo for a Sources section', () => {
    expect(rulesOf('content/demos/x.mdx', page('## How this works\n\nText.'))).toEqual(['1 sources-section']);
    expect(rulesOf('content/demos/x.mdx', page(`## How this works\n\nText.${SOURCES}`))).toEqual([]);
  });

  it('asks a guide for one only when it is a configuration page (checkedAgainst), naming that line', () => {
    expect(rulesOf('content/guides/x.mdx', page('Text.'))).toEqual([]);
    expect(rulesOf('content/guides/x.mdx', page('Text.', 'title: T\nverified: 2026-11-30\ncheckedAgainst: [Cloudflare]'))).toEqual([
      '4 sources-section',
    ]);
  });

  it('does not take a "### Sources" sub-heading for the section', () => {
    expect(rulesOf('content/demos/x.mdx', page('## Setup\n\n### Sources\n\nText.'))).toEqual(['1 sources-section']);
  });
});

describe('external links', () => {
  it.each([
    'https://developers.cloudflare.com/cloudflare-one/faq/troubleshooting/',
    'https://learn.microsoft.com/entra/identity-platform/reference-saml-tokens',
    'https://entra.microsoft.com/',
    'https://docs.astro.build/en/guides/integrations-guide/cloudflare/',
    'https://github.com/panva/jose/blob/main/docs/jwks/remote/functions/createRemoteJWKSet.md',
    'https://github.com/withastro/astro/blob/main/packages/integrations/cloudflare/CHANGELOG.md',
  ])('allows %s', (href) => {
    expect(checkLink(href)).toEqual({ ok: true });
  });

  it.each([
    ['http://developers.cloudflare.com/', 'not https'],
    ['https://example.com/blog', 'not on the allowed list'],
    ['https://developers.cloudflare.com.evil.example/', 'not on the allowed list'],
    ['https://github.com/someone/fork-of-docs', 'outside the allowed github.com repositories'],
    ['https://github.com/panva/jose-fork', 'outside the allowed github.com repositories'],
    ['https://', 'not a valid URL'],
  ])('refuses %s', (href, reason) => {
    const verdict = checkLink(href);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toContain(reason);
  });

  it('checks Markdown links, reference definitions (where the URL is written), bare URLs and MDX <a href>, each on its line, and leaves internal links alone', () => {
    const source = page(`[ok](https://learn.microsoft.com/entra/)
[blog](https://example.com/a)

See [ref][r] and https://example.org/bare and <a href="https://example.net/">x</a> and [home](/guides/).

[r]: https://example.com/ref`);
    expect(rulesOf('content/guides/x.mdx', source)).toEqual(['7 allowed-links', '9 allowed-links', '9 allowed-links', '11 allowed-links']);
  });

  it('ignores URLs written as code: they are values to type, not citations', () => {
    expect(
      rulesOf('content/guides/x.mdx', page('Open `https://<your-team>.example.com/`.\n\n```sh\ncurl https://api.example.com/\n```')),
    ).toEqual([]);
  });
});

describe('unreadable files', () => {
  it('reports broken MDX as one finding with its line, instead of crashing', () => {
    const findings = lintPage('content/guides/x.mdx', page('Fine.\n\nA <broken tag.'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'parse', line: 8 });
  });

  it('reports broken frontmatter', () => {
    expect(lintPage('content/guides/x.mdx', '---\ntitle: [unclosed\n---\n\nText.\n')).toEqual([expect.objectContaining({ rule: 'parse' })]);
  });
});

describe('npm run lint:content', () => {
  const root = mkdtempSync(join(tmpdir(), 'content-lint-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const run = () =>
    spawnSync(process.execPath, [new URL('../../scripts/lint-content.ts', import.meta.url).pathname, root], { encoding: 'utf8' });

  it('prints file:line for each finding and fails', () => {
    mkdirSync(join(root, 'content/demos'), { recursive: true });
    writeFileSync(join(root, 'content/demos/bad.mdx'), page(`1. Turn on **Enable SCIM**${SOURCES}`));
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('content/demos/bad.mdx:6: says "Enable SCIM" without "Support groups"');
    expect(result.stderr).toContain('[scim-needs-support-groups]');
  });

  it('passes a folder without problems', () => {
    writeFileSync(join(root, 'content/demos/bad.mdx'), page(`1. Turn on **Enable SCIM** and **Support groups**${SOURCES}`));
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no problems');
  });
});
