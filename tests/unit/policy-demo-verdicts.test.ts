/**
 * The demos' verdicts come from the policy engine (each demo's gate as the policy it stands for,
 * src/policy/demo-policy.ts) and must be exactly what the inspector decided before the engine:
 * that earlier decision is written out below as the reference, and random identities and gates
 * are judged by both. tests/unit/inspector-diagnoses.test.ts holds the named cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENTRA_SAML_GROUPS_CLAIM,
  groupsFrom,
  isMemberOf,
  isRecord,
  parseIdentity,
  type Identity,
} from '../../src/identity/parse-identity.ts';
import { demoVerdicts, type DemoGateInfo, type DemoVerdict } from '../../src/inspector/verdicts.ts';
import { demoPolicy, GROUP_ID_PLACEHOLDER, PROVIDER_ID_PLACEHOLDER } from '../../src/policy/demo-policy.ts';
import { hostileIdentity } from '../support/hostile-identities.ts';

/** The inspector's verdict as it was decided before the engine, kept as the reference. */
function reference(identity: Identity, raw: unknown, { slug, gate }: DemoGateInfo): DemoVerdict {
  if (typeof gate === 'string') return { slug, verdict: 'allow', reason: 'any-user', holdsGroup: false };
  const holdsGroup = isMemberOf(identity, gate.group);
  const result = (verdict: DemoVerdict['verdict'], reason: DemoVerdict['reason']): DemoVerdict => ({ slug, verdict, reason, holdsGroup });
  const provider =
    identity.idpType === undefined ? undefined : identity.idpType === (gate.selector === 'azure-groups' ? 'azureAD' : 'saml');
  if (provider === false) return result('deny', 'provider');
  let groups = identity.groups;
  if (gate.selector === 'saml-group') {
    const attributes = isRecord(raw) ? raw['saml_attributes'] : undefined;
    groups = isRecord(attributes) && Object.hasOwn(attributes, gate.attribute ?? '') ? groupsFrom(attributes[gate.attribute ?? '']) : [];
  }
  if (groups.length === 0) return result('deny', 'no-groups');
  if (isMemberOf({ groups }, gate.group)) return result('allow', 'member');
  if (groups.some((group) => group.idOnly)) return result('unknown', 'ids');
  return result('deny', 'absent');
}

const GROUP_IDS = ['61503835-b6fe-4630-af88-de551dd59a2a', '0b7f5e2c-7a1d-4d3e-9a59-0f4c7e1d2b3c'];
const GROUP_NAMES = ['CF-Demo-Group-A', 'cf-demo-group-a', 'CF-Demo-Group-B', 'All Staff'];
const groupEntry = fc.oneof(
  fc.constantFrom(...GROUP_IDS, ...GROUP_NAMES),
  fc.record({ id: fc.constantFrom(...GROUP_IDS), name: fc.constantFrom(...GROUP_NAMES) }, { requiredKeys: ['id'] }),
);
const groupList = fc.oneof(fc.array(groupEntry, { maxLength: 4 }), groupEntry);
const structured = fc.record(
  {
    email: fc.constant('a@barbicancloud.co.uk'),
    idp: fc.record({ type: fc.constantFrom('azureAD', 'saml', 'okta'), id: fc.constant('idp-1') }, { requiredKeys: [] }),
    groups: groupList,
    saml_attributes: fc.dictionary(fc.constantFrom(ENTRA_SAML_GROUPS_CLAIM, 'groups', 'department'), groupList, { maxKeys: 3 }),
    oidc_fields: fc.record({ groups: groupList }),
  },
  { requiredKeys: ['email'] },
);
const gate = fc.oneof(
  fc.constant('any-signed-in-user' as const),
  fc.record({ group: fc.constantFrom(...GROUP_NAMES, ...GROUP_IDS), selector: fc.constant('azure-groups' as const) }),
  fc.record({
    group: fc.constantFrom(...GROUP_NAMES, ...GROUP_IDS),
    selector: fc.constant('saml-group' as const),
    attribute: fc.constantFrom(ENTRA_SAML_GROUPS_CLAIM, 'groups', 'department'),
  }),
);
const demos = fc
  .array(gate, { minLength: 1, maxLength: 4 })
  .map((gates): DemoGateInfo[] => gates.map((g, i) => ({ slug: `demo-${String(i)}`, gate: g })));

describe('the demos’ verdicts from the engine', () => {
  it('are exactly the reference verdicts, reasons and holdsGroup, for random identities and gates', () => {
    fc.assert(
      fc.property(fc.oneof(structured, hostileIdentity(8)), demos, (body, gates) => {
        const identity = parseIdentity(body) ?? { groups: [] };
        expect(demoVerdicts(identity, body, gates)).toEqual(gates.map((demo) => reference(identity, body, demo)));
      }),
      { numRuns: 1_000 },
    );
  });

  it("each demo's policy is the API's, with the placeholders the site resolves", () => {
    expect(demoPolicy({ slug: 'scim-a', gate: { group: 'CF-Demo-Group-A', selector: 'azure-groups' } }).include).toEqual([
      { azureAD: { id: GROUP_ID_PLACEHOLDER, identity_provider_id: PROVIDER_ID_PLACEHOLDER } },
    ]);
    const member = { email: 'a@b.c', idp: { type: 'azureAD' }, groups: [{ id: GROUP_IDS[0], name: 'CF-Demo-Group-A' }] };
    expect(
      demoVerdicts(parseIdentity(member) as Identity, member, [
        { slug: 'scim-a', gate: { group: 'CF-Demo-Group-A', selector: 'azure-groups' } },
      ]),
    ).toEqual([{ slug: 'scim-a', verdict: 'allow', reason: 'member', holdsGroup: true }]);
  });
});
