import { describe, expect, it } from 'vitest';
import { demoSchema, gateLabel, requiredGroup } from '../../src/schemas/demo.ts';

const valid = {
  title: 'Group A',
  protocol: 'SCIM',
  gate: { group: 'CF-Demo-Group-A', selector: 'Azure Groups' },
  slug: 'scim-a',
  order: 30,
  summary: 'Access gated by Entra group membership.',
};

const issues = (input: unknown) => {
  const result = demoSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('demo frontmatter schema', () => {
  it('accepts a group-gated demo and fills the default selector', () => {
    expect(demoSchema.parse({ ...valid, gate: { group: 'CF-Demo-Group-A' } }).gate).toEqual({ group: 'CF-Demo-Group-A', selector: 'Azure Groups' });
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
    [{ slug: 'Scim_A' }, 'slug must be lower-case letters, digits and hyphens'],
    [{ slug: '-scim' }, 'slug must be'],
    [{ slug: 'guides' }, 'slug is reserved'],
    [{ slug: 'cdn-cgi' }, 'slug is reserved'],
    [{ order: 1.5 }, 'order'],
    [{ order: -1 }, 'order'],
    [{ summary: '' }, 'summary'],
    [{ summary: 'x'.repeat(301) }, 'summary'],
    [{ extra: true }, 'extra'],
  ])('refuses %j, naming the field', (change, expected) => {
    expect(issues({ ...valid, ...change }).join('\n')).toContain(expected);
  });

  it.each(['title', 'protocol', 'gate', 'slug', 'order', 'summary'])('requires %s', (field) => {
    const input: Record<string, unknown> = { ...valid };
    delete input[field];
    expect(issues(input).join('\n')).toContain(field);
  });
});
