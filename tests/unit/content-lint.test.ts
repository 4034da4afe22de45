/**
 * The content lint's rules, each on small MDX fixtures written here (never on the site's own
 * pages or README, whose wording may change), and the command's output format on a fixture folder.
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

describe('an application path that leaves out its own path', () => {
  it.each([
    ['a step', '1. Protect the wiki: enter the path `wiki/*` and save.'],
    ['a domain before it', 'The application covers `intranet.example.org/wiki/*`.'],
    ['the domain placeholder', 'Use `<your-domain>/wiki/*` for the wiki.'],
  ])('flags %s, on its line', (_, text) => {
    expect(rulesOf('content/guides/x.mdx', page(text))).toEqual(['6 application-path-wildcard']);
  });

  it('flags a table cell on its own line', () => {
    const table = '| App | Path |\n| --- | --- |\n| Wiki | `<your-domain>/wiki/*` |';
    expect(rulesOf('content/guides/x.mdx', page(table))).toEqual(['8 application-path-wildcard']);
  });

  it.each([
    'Not `wiki/*`: it does not cover `/wiki` itself.',
    'A path `wiki/*` would not cover the bare path, so enter `wiki`.',
    'What `wiki/*` leaves out: the path without its slash.',
    'The path `wiki/*` is not enough.',
  ])('accepts %j, which says what the wildcard leaves out', (text) => {
    expect(rulesOf('content/guides/x.mdx', page(text))).toEqual([]);
  });

  it('leaves other wildcards alone: several segments, a bare /*, a subdomain wildcard, a code block', () => {
    const text = 'Let `/.well-known/acme-challenge/*` through. An apex app with `/*` covers all. `*.example.org` covers one level.';
    expect(rulesOf('content/guides/x.mdx', page(`${text}\n\n\`\`\`text\nwiki/*\n\`\`\``))).toEqual([]);
  });
});

describe('one identity provider without Instant Auth', () => {
  it('flags the step that turns off "Accept all available identity providers" alone', () => {
    const text = '1. Name it\n2. Turn off **Accept all available identity providers** and pick the wiki provider';
    expect(rulesOf('content/guides/x.mdx', page(text))).toEqual(['7 instant-auth-with-one-provider']);
  });

  it('accepts the step when it also turns on Instant Auth, in a sub-point too', () => {
    const text = '- Turn off **Accept all available identity providers**:\n  - and turn on **Instant Auth**';
    expect(rulesOf('content/guides/x.mdx', page(text))).toEqual([]);
  });
});

describe('a signing key "published ahead of use"', () => {
  it.each([
    'Keys rotate monthly, with the new key published ahead of use.',
    'Each new key is published before it is used.',
    'The provider publishes its next key in advance of signing with it.',
    'A key is published in advance, so caching is safe.',
  ])('flags %j', (text) => {
    expect(rulesOf('content/guides/x.mdx', page(text))).toEqual(['6 key-published-ahead']);
  });

  it.each([
    'Nothing says a new key is published before it is used.',
    'A new key is not listed before it signs. Refetch for an unknown kid.',
    'The release notes were published before the launch was used as a date.',
  ])('accepts %j (denied, or not about keys)', (text) => {
    expect(rulesOf('content/guides/x.mdx', page(text))).toEqual([]);
  });

  it('flags the claim in a sentence after a denial in another sentence', () => {
    const text = 'Nothing is cached. The new key is published ahead of use.';
    expect(rulesOf('content/guides/x.mdx', page(text))).toEqual(['6 key-published-ahead']);
  });
});

describe('a quote from "every Cloudflare Pages documentation page"', () => {
  it.each(['Every Cloudflare Pages documentation page says "Use X".', 'All Pages docs pages carry a banner.', 'each Pages page links it'])(
    'flags %j',
    (text) => {
      expect(rulesOf('content/guides/x.mdx', page(text))).toEqual(['6 pages-banner-quote']);
    },
  );

  it('accepts a quote from one named page', () => {
    const text = 'The Pages overview says "Use X" ([Pages](https://developers.cloudflare.com/pages/)).';
    expect(rulesOf('content/guides/x.mdx', page(text))).toEqual([]);
  });
});

describe('a quote cited to the wrong page', () => {
  it.each([
    [
      'The rule "requires an Azure identity provider"',
      'https://developers.cloudflare.com/cloudflare-one/api-terraform/access-api-examples/entra-group/',
      'https://developers.cloudflare.com/api/resources/zero_trust/subresources/access/subresources/policies/methods/create/',
    ],
    [
      'Download **Certificate (Base64)**',
      'https://learn.microsoft.com/entra/identity/enterprise-apps/add-application-portal-setup-sso',
      'https://learn.microsoft.com/entra/identity/enterprise-apps/tutorial-manage-certificates-for-federated-single-sign-on#renew',
    ],
    [
      'The adapter "no longer supports deployment on Cloudflare Pages"',
      'https://docs.astro.build/en/guides/integrations-guide/cloudflare/',
      'https://docs.astro.build/en/guides/upgrade-to/v6/',
    ],
    [
      'Access is deny by default',
      'https://developers.cloudflare.com/cloudflare-one/access-controls/applications/http-apps/self-hosted-public-app/',
      'https://developers.cloudflare.com/cloudflare-one/access-controls/policies',
    ],
  ])('%s: flagged with the wrong link, accepted with the right one among others', (claim, wrong, right) => {
    expect(rulesOf('content/guides/x.mdx', page(`${claim} ([source](${wrong})).`))).toEqual(['6 cited-to-its-page']);
    expect(rulesOf('content/guides/x.mdx', page(`${claim} ([one](${wrong}); [two](${right})).`))).toEqual([]);
  });

  it('does not take a page under the right one for it, except for the API reference', () => {
    const subPage = 'https://developers.cloudflare.com/cloudflare-one/access-controls/policies/app-paths/';
    expect(rulesOf('content/guides/x.mdx', page(`Access is deny by default ([paths](${subPage})).`))).toEqual(['6 cited-to-its-page']);
  });

  it('leaves a unit without links alone: repeating a label is no citation', () => {
    expect(rulesOf('content/guides/x.mdx', page('5. Paste the **Certificate (Base64)** file.'))).toEqual([]);
  });
});

describe('the Entra group selector under one name only', () => {
  it('flags a page that names the Azure Groups selector and never Identity provider group, once, at the first mention', () => {
    const text = 'Pick the **Azure Groups** selector.\n\nThe selector Azure Groups again.';
    expect(rulesOf('content/guides/x.mdx', page(text))).toEqual(['6 selector-both-names']);
  });

  it('accepts the page once any unit gives the other name', () => {
    const text = 'Pick the **Azure Groups** selector.\n\n| Label |\n| --- |\n| Identity provider group |';
    expect(rulesOf('content/guides/x.mdx', page(text))).toEqual([]);
  });

  it('leaves "Azure Groups" alone when no selector is named', () => {
    expect(rulesOf('content/guides/x.mdx', page('Every Azure Groups rule needs Support groups.'))).toEqual([]);
  });
});

describe('the README', () => {
  it('is read for claims only: no verified date, Sources section or link rules, and as plain Markdown where MDX would fail', () => {
    const readme = '# Tool\n\nRun it at <http://127.0.0.1:8787> when a < b and {x}.\n';
    expect(rulesOf('README.md', readme)).toEqual([]);
  });

  it("is held to the claim rules, on the file's own lines", () => {
    const readme = '# Tool\n\n1. Path `wiki/*` (the path application)\n2. Turn off **Accept all available identity providers**\n';
    expect(rulesOf('README.md', readme)).toEqual(['3 application-path-wildcard', '4 instant-auth-with-one-provider']);
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

  it('reads the README at the root too', () => {
    writeFileSync(join(root, 'content/demos/bad.mdx'), page(`1. Turn on **Enable SCIM** and **Support groups**${SOURCES}`));
    writeFileSync(join(root, 'README.md'), '# Tool\n\nKeys rotate, the new key published ahead of use.\n');
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('README.md:3: says a signing key is published ahead of use');
    expect(result.stderr).toContain('[key-published-ahead]');
  });

  it('passes a folder without problems', () => {
    writeFileSync(join(root, 'content/demos/bad.mdx'), page(`1. Turn on **Enable SCIM** and **Support groups**${SOURCES}`));
    writeFileSync(join(root, 'README.md'), '# Tool\n\nKeys rotate; refetch for an unknown kid.\n');
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no problems');
  });
});
