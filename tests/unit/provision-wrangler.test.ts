/**
 * wrangler.jsonc as provisioning compares and writes it: a file that already says what the target
 * says is left alone whatever order its slugs stand in, and a file that cannot be written gives a
 * message, not a stack trace.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProvisionError } from '../../scripts/provision/errors.ts';
import { wranglerDifferences, writeWranglerText, type WranglerTarget } from '../../scripts/provision/wrangler-writer.ts';

const target: WranglerTarget = {
  teamDomain: 'team.cloudflareaccess.com',
  audiences: { oidc: ['aud-1', 'aud-2'], saml: ['aud-3', 'aud-4'] },
  routes: [
    { pattern: 'demo.example.net', custom_domain: true },
    { pattern: 'oidc.demo.example.net', custom_domain: true },
  ],
};

describe('wranglerDifferences', () => {
  it('is empty when the file says what the target says, slugs in another order', () => {
    const config = {
      vars: { ACCESS_TEAM_DOMAIN: 'team.cloudflareaccess.com', ACCESS_AUDIENCES: { saml: ['aud-3', 'aud-4'], oidc: ['aud-1', 'aud-2'] } },
      routes: [
        { custom_domain: true, pattern: 'demo.example.net' },
        { custom_domain: true, pattern: 'oidc.demo.example.net' },
      ],
    };
    expect(wranglerDifferences(config, target)).toEqual([]);
  });

  it("names what differs: a slug's two tags swapped, a route missing, another team", () => {
    const config = {
      vars: { ACCESS_TEAM_DOMAIN: 'other.cloudflareaccess.com', ACCESS_AUDIENCES: { oidc: ['aud-2', 'aud-1'], saml: ['aud-3', 'aud-4'] } },
      routes: [{ pattern: 'demo.example.net', custom_domain: true }],
    };
    expect(wranglerDifferences(config, target)).toEqual([
      'ACCESS_TEAM_DOMAIN = team.cloudflareaccess.com',
      'ACCESS_AUDIENCES for oidc, saml',
      'routes for demo.example.net and its demo subdomains',
    ]);
  });
});

describe('writeWranglerText', () => {
  it('says which file it could not write and why, as a ProvisionError', () => {
    const blocked = join(mkdtempSync(join(tmpdir(), 'provision-wrangler-')), 'wrangler.jsonc');
    mkdirSync(blocked);
    expect(() => writeWranglerText(blocked, '{}')).toThrow(ProvisionError);
    expect(() => writeWranglerText(blocked, '{}')).toThrow(/^Cannot write .*wrangler\.jsonc \(EISDIR\): make it writable/);
  });
});
