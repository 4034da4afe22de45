import { describe, expect, it } from 'vitest';
import { demoSchema, gateLabel, requiredGroup, selectorLabel } from '../../src/schemas/demo.ts';

const valid = {
  title: 'Group A',
  protocol: 'SCIM',
  gate: { group: 'CF-Demo-Group-A', selector: 'azure-groups' },
  slug: 'scim-a',
  order: 30,
  summary: 'Access gated by Entra group membership.',
  verified: '2026-11-30',
};

const issues = (input: unknown) => {
  const result = demoSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('demo frontmatter schema', () => {
  it('accepts a group-gated demo and fills the default selector', () => {
    expect(demoSchema.parse({ ...valid, gate: { group: 'CF-Demo-Group-A' } }).gate).toEqual({
      group: 'CF-Demo-Group-A',
      selector: 'azure-groups',
    });
  });

  it("gives a SAML Group gate Entra's groups claim unless it names another attribute", () => {
    const gate = demoSchema.parse({ ...valid, gate: { group: 'G', selector: 'saml-group' } }).gate;
    expect(gate).toEqual({
      group: 'G',
      selector: 'saml-group',
      attribute: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
    });
    expect(selectorLabel(gate)).toBe('SAML Group');
    const custom = demoSchema.parse({ ...valid, gate: { group: 'G', selector: 'saml-group', attribute: 'groups' } }).gate;
    expect(custom).toMatchObject({ attribute: 'groups' });
  });

  it('reads the verified day and names Cloudflare and Microsoft as what a demo is checked against', () => {
    const demo = demoSchema.parse(valid);
    expect(demo.verified.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(demo.checkedAgainst).toEqual(['Cloudflare', 'Microsoft']);
  });

  it('accepts a demo open to any signed-in user', () => {
    const demo = demoSchema.parse({ ...valid, gate: 'any-signed-in-user' });
    expect(requiredGroup(demo.gate)).toBeUndefined();
    expect(gateLabel(demo.gate)).toBe('Any signed-in user');
  });

  it.each([
    [{ protocol: 'LDAP' }, 'protocol'],
    [{ gate: 'everyone' }, 'gate must be "any-signed-in-user" or { group: "<Entra group name>" }'],
    [{ gate: { group: '' } }, 'gate'],
    [{ gate: { group: 'G', selector: 'Azure Groups' } }, 'gate.selector must be one of: azure-groups, saml-group'],
    [{ gate: { group: 'G', attribute: 'groups' } }, 'gate.attribute applies only to selector saml-group'],
    [{ slug: 'Scim_A' }, 'slug must be lower-case letters, digits and hyphens'],
    [{ slug: '-scim' }, 'slug must be'],
    [{ slug: 'guides' }, 'slug "guides" is reserved'],
    [{ slug: 'cdn-cgi' }, 'slug "cdn-cgi" is reserved by the site (it owns /cdn-cgi/)'],
    [{ slug: 'inspect' }, 'slug "inspect" is reserved'],
    [{ slug: 'search' }, 'slug "search" is reserved'],
    [{ slug: 'pagefind' }, 'slug "pagefind" is reserved'],
    [{ order: 1.5 }, 'order'],
    [{ order: -1 }, 'order'],
    [{ summary: '' }, 'summary'],
    [{ summary: 'x'.repeat(301) }, 'summary'],
    [{ extra: true }, 'extra'],
    [{ verified: 'last week' }, 'verified must be the day the page was checked, written YYYY-MM-DD'],
    [{ checkedAgainst: [] }, 'checkedAgainst'],
  ])('refuses %j, naming the field', (change, expected) => {
    expect(issues({ ...valid, ...change }).join('\n')).toContain(expected);
  });

  it.each(['title', 'protocol', 'gate', 'slug', 'order', 'summary', 'verified'])('requires %s', (field) => {
    const input: Record<string, unknown> = { ...valid };
    delete input[field];
    expect(issues(input).join('\n')).toContain(field);
  });
});
