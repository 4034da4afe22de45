import { describe, expect, it } from 'vitest';
import { readGateConfig } from '../../src/gate/gate-config.ts';
import { audTag } from '../../scripts/lib/local-site/test-keys.ts';
import { readWranglerConfig } from '../../scripts/lib/wrangler-config.ts';

const AUD = audTag('scim-a path');
const valid = {
  ACCESS_TEAM_DOMAIN: 'https://barbican.cloudflareaccess.com',
  ACCESS_AUDIENCES: { 'scim-a': [AUD] },
};

describe('readGateConfig', () => {
  it('accepts objects (wrangler.jsonc vars)', () => {
    expect(readGateConfig(valid)).toEqual({
      ok: true,
      config: { teamDomain: 'https://barbican.cloudflareaccess.com', audiences: { 'scim-a': [AUD] } },
    });
  });

  it('accepts JSON text (--var, .dev.vars, secrets) and a trailing slash on the team domain', () => {
    const result = readGateConfig({
      ACCESS_TEAM_DOMAIN: 'https://barbican.cloudflareaccess.com/',
      ACCESS_AUDIENCES: JSON.stringify({ 'scim-a': [AUD] }),
      ACCESS_JWKS: JSON.stringify({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB', kid: 'k' }] }),
    });
    expect(result.ok && result.config.teamDomain).toBe('https://barbican.cloudflareaccess.com');
    expect(result.ok && result.config.jwks?.keys).toHaveLength(1);
  });

  it.each([
    [{}, ['ACCESS_TEAM_DOMAIN is missing', 'ACCESS_AUDIENCES is missing']],
    [{ ...valid, ACCESS_TEAM_DOMAIN: '' }, ['ACCESS_TEAM_DOMAIN is missing']],
    [{ ...valid, ACCESS_TEAM_DOMAIN: 'barbican' }, ['ACCESS_TEAM_DOMAIN is not a URL']],
    [{ ...valid, ACCESS_TEAM_DOMAIN: 'http://barbican.cloudflareaccess.com' }, ['must be an https origin']],
    [{ ...valid, ACCESS_TEAM_DOMAIN: 'https://barbican.cloudflareaccess.com/cdn-cgi' }, ['must be an https origin']],
    [{ ...valid, ACCESS_AUDIENCES: '{not json' }, ['ACCESS_AUDIENCES is not valid JSON']],
    [{ ...valid, ACCESS_AUDIENCES: '[]' }, ['ACCESS_AUDIENCES must be a JSON object']],
    [{ ...valid, ACCESS_AUDIENCES: { 'scim-a': [] } }, ['ACCESS_AUDIENCES.scim-a must be a non-empty array']],
    [{ ...valid, ACCESS_AUDIENCES: { 'scim-a': 'abc' } }, ['ACCESS_AUDIENCES.scim-a must be a non-empty array']],
    [{ ...valid, ACCESS_AUDIENCES: { 'scim-a': ['REPLACE_ME'] } }, ['ACCESS_AUDIENCES.scim-a[0] is not an AUD tag']],
    [{ ...valid, ACCESS_JWKS: '{"keys": []}' }, ['ACCESS_JWKS must be a JWKS']],
    [{ ...valid, ACCESS_JWKS: 'nope' }, ['ACCESS_JWKS is not valid JSON']],
  ])('refuses %j, naming what is wrong', (env, expected) => {
    const result = readGateConfig(env);
    expect(result.ok).toBe(false);
    const problems = result.ok ? '' : result.problems.join('\n');
    for (const fragment of expected) expect(problems).toContain(fragment);
  });

  it('refuses the placeholders committed in wrangler.jsonc, as objects or as the JSON text --var sends, naming both variables', () => {
    const vars = readWranglerConfig().vars as Record<string, unknown>;
    const asText = Object.fromEntries(
      Object.entries(vars).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
    );
    for (const env of [vars, asText]) {
      const result = readGateConfig(env);
      expect(result.ok).toBe(false);
      const problems = result.ok ? '' : result.problems.join('\n');
      expect(problems).toContain('ACCESS_TEAM_DOMAIN is not a URL');
      expect(problems).toMatch(/ACCESS_AUDIENCES\.\S+\[0\] is not an AUD tag/);
    }
    // Cut short while pasting: text that is not JSON at all.
    expect(readGateConfig({ ...asText, ACCESS_AUDIENCES: '{"scim-a": ["<AUD tag>"' })).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([expect.stringContaining('ACCESS_AUDIENCES is not valid JSON')]),
    });
  });

  it('allows plain http only for a certs server on this machine', () => {
    expect(readGateConfig({ ...valid, ACCESS_TEAM_DOMAIN: 'http://127.0.0.1:8789' }).ok).toBe(true);
    expect(readGateConfig({ ...valid, ACCESS_TEAM_DOMAIN: 'http://10.0.0.1:8789' }).ok).toBe(false);
  });
});
