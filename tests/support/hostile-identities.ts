/** fast-check arbitraries for hostile get-identity answers, shared by unit and browser tests. */
import fc from 'fast-check';

export const HOSTILE_STRINGS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  'javascript:window.__pwned=1',
  '\u202Egnp.exe\u202C',
  '\u2066admin\u2069',
  '\u0000null\u0007bell',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '__proto__',
  'x'.repeat(10_240),
];

const hostileText = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);
const deep = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    fc.dictionary(fc.constantFrom('a', 'name', 'id'), tie('node'), { maxKeys: 2 }),
  ),
})).node;
const groupEntry = fc.oneof(
  hostileText,
  wrongType,
  fc.record({ id: fc.oneof(hostileText, fc.uuid()), name: fc.oneof(hostileText, wrongType), email: hostileText }, { requiredKeys: [] }),
  deep,
);

/** An identity-shaped object (it has an email) whose values are hostile or of the wrong type. */
export function hostileIdentity(maxGroups = 60) {
  return fc.record(
    {
      email: hostileText,
      name: fc.oneof(hostileText, wrongType, deep),
      idp: fc.oneof(fc.record({ type: fc.oneof(hostileText, wrongType), id: hostileText }), wrongType),
      geo: fc.oneof(fc.record({ country: fc.oneof(hostileText, wrongType) }), hostileText),
      iat: fc.oneof(fc.integer(), fc.double(), hostileText),
      is_warp: fc.oneof(fc.boolean(), hostileText),
      device_id: fc.oneof(hostileText, wrongType),
      groups: fc.oneof(fc.array(groupEntry, { maxLength: maxGroups }), wrongType, hostileText),
      saml_attributes: fc.oneof(
        fc.dictionary(hostileText, fc.oneof(hostileText, fc.array(hostileText, { maxLength: 5 })), { maxKeys: 3 }),
        wrongType,
      ),
      oidc_fields: fc.oneof(fc.record({ groups: fc.oneof(fc.array(groupEntry, { maxLength: 5 }), hostileText) }), wrongType),
    },
    { requiredKeys: ['email'] },
  );
}

/** 5,000 groups: the size the card must stay usable and fast with. */
export function thousandsOfGroups(count = 5000) {
  return {
    email: 'many@barbicancloud.co.uk',
    groups: Array.from({ length: count }, (_, i) =>
      i % 3 === 0 ? `${HOSTILE_STRINGS[i % HOSTILE_STRINGS.length]?.slice(0, 60)} ${i}` : { id: `g-${i}`, name: `Group ${i}` },
    ),
  };
}
