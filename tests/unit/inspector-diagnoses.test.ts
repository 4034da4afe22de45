/**
 * The inspector's verdicts and diagnoses, each on a fixture: tokens signed with test keys,
 * identities of every shape the identity card knows, judged against demo gates of every shape.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inspect, inspectAnswer, type InspectContext, type Report } from '../../src/inspector/inspect.ts';
import { DIAGNOSIS_ANCHORS, DIAGNOSIS_CODES, TROUBLESHOOTING_ANCHORS, troubleshootingHref } from '../../src/inspector/diagnosis-links.ts';
import { classifyAnswer } from '../../src/identity/classify-answer.ts';
import { ENTRA_SAML_GROUPS_CLAIM } from '../../src/identity/parse-identity.ts';
import { fixtureBody, fixtures, type IdentityFixture } from '../../src/dev/personas/index.ts';
import { fakeGuid } from '../../src/dev/personas/fixture-types.ts';
import { fixtureDemos, GROUP_A } from '../fixtures/inspector/demo-gates.ts';
import { TEAM, tokenFixtures, type TokenFixtures } from '../fixtures/inspector/tokens.ts';
import { SignJWT, importJWK } from 'jose';
import { createTestKeys } from '../../scripts/lib/local-site/test-keys.ts';

let tokens: TokenFixtures;
beforeAll(async () => {
  tokens = await tokenFixtures();
});

const context = (extra: Partial<InspectContext> = {}): InspectContext => ({
  demos: fixtureDemos,
  nowMs: Date.now(),
  savedTeam: TEAM,
  ...extra,
});
const run = (text: string, extra?: Partial<InspectContext>) => inspect(text, context(extra)) as Report;
const codes = (report: Report) => report.diagnoses.map((d) => d.code).sort();
const verdicts = (report: Report) => Object.fromEntries((report.verdicts ?? []).map((v) => [v.slug, v.verdict]));
const identity = (body: unknown) => run(JSON.stringify(body));
const fixture = (f: IdentityFixture) => run(fixtureBody(f));

describe('tokens', () => {
  it('a fresh Access token of the saved team: no diagnoses, claims explained, team named, no verdicts', () => {
    const report = run(tokens.access);
    expect(report.kind).toBe('access-jwt');
    expect(report.team).toBe(TEAM);
    expect(report.diagnoses).toEqual([]);
    expect(report.verdicts).toBeUndefined();
    expect(report.header).toEqual({ alg: 'RS256', kid: 'test-key-1', typ: 'JWT' });
    const names = report.claims?.map((c) => c.name);
    expect(names?.slice(0, 4)).toEqual(['iss', 'aud', 'sub', 'email']);
    expect(names).toEqual(expect.arrayContaining(['type', 'identity_nonce', 'country', 'iat', 'exp']));
    const exp = report.claims?.find((c) => c.name === 'exp');
    expect(exp?.time?.relative).toMatch(/^in \d+ minutes$/);
    expect(exp?.time?.iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('jwt-expired, with "ago"', () => {
    const report = run(tokens.accessExpired);
    expect(codes(report)).toEqual(['jwt-expired']);
    expect(report.claims?.find((c) => c.name === 'exp')?.time?.relative).toBe('1 hour ago');
  });

  it('jwt-not-yet-valid', () => expect(codes(run(tokens.accessNotYetValid))).toEqual(['jwt-not-yet-valid']));

  it('team-mismatch against the saved team only', () => {
    expect(run(tokens.accessOtherTeam).diagnoses).toEqual([{ code: 'team-mismatch', detail: TEAM }]);
    expect(codes(run(tokens.accessOtherTeam, { savedTeam: undefined }))).toEqual([]);
  });

  it('service-token: a common_name and an empty sub', () => {
    const report = run(tokens.serviceToken);
    expect(codes(report)).toEqual(['service-token']);
    expect(report.claims?.find((c) => c.name === 'sub')?.value).toBe('(empty)');
  });

  it('not-access-issuer for Entra and other issuers; Entra object ids and overage markers', () => {
    expect(codes(run(tokens.entra))).toEqual(['groups-are-object-ids', 'not-access-issuer']);
    expect(codes(run(tokens.otherIssuer))).toEqual(['not-access-issuer']);
    expect(run(tokens.otherIssuer).diagnoses[0]?.detail).toBe('https://accounts.example.com');
    expect(run(tokens.entraOverage).diagnoses).toContainEqual({ code: 'group-overage', detail: 'hasgroups' });
    expect(run(tokens.entraClaimNames).diagnoses).toContainEqual({
      code: 'group-overage',
      detail: '_claim_names',
    });
  });

  it('jwt-malformed: cut in the signature keeps its kind; cut in the payload is invalid', () => {
    expect(run(tokens.cutSignature)).toMatchObject({ kind: 'access-jwt', diagnoses: [{ code: 'jwt-malformed' }] });
    expect(run(tokens.cutPayload)).toEqual({ kind: 'invalid', diagnoses: [{ code: 'jwt-malformed' }] });
    expect(run('hello')).toEqual({ kind: 'invalid', diagnoses: [] });
  });
});

describe('identities: a verdict per demo', () => {
  it('a member of Group A through Azure AD', () => {
    const report = fixture(fixtures.member);
    // Group B's id may be the one group listed by id only: the page cannot tell.
    expect(verdicts(report)).toEqual({ anyone: 'allow', 'saml-a': 'deny', 'azure-a': 'allow', 'azure-b': 'unknown' });
    expect(report.verdicts?.find((v) => v.slug === 'saml-a')).toMatchObject({ reason: 'provider', holdsGroup: true });
    expect(codes(report)).toEqual(['groups-are-object-ids', 'idp-cannot-match-rule']);
  });

  it('a member of Group B only, all groups named: Group A refused (absent), Group B opens', () => {
    const report = fixture(fixtures['non-member']);
    expect(verdicts(report)).toEqual({ anyone: 'allow', 'saml-a': 'deny', 'azure-a': 'deny', 'azure-b': 'allow' });
    expect(report.verdicts?.find((v) => v.slug === 'azure-a')?.reason).toBe('absent');
    expect(codes(report)).toEqual([]);
  });

  it('object ids only: unknown, with groups-are-object-ids', () => {
    const report = fixture(fixtures['id-only-groups']);
    expect(verdicts(report)).toEqual({ anyone: 'allow', 'saml-a': 'deny', 'azure-a': 'unknown', 'azure-b': 'unknown' });
    expect(report.verdicts?.find((v) => v.slug === 'azure-a')?.reason).toBe('ids');
    expect(codes(report)).toEqual(['groups-are-object-ids']);
  });

  it('a token with a claim nested deeper than the stack: its claims listed, that one not shown, no throw', () => {
    const b64 = (value: string) => Buffer.from(value).toString('base64url');
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const jwt = `${b64('{"alg":"RS256"}')}.${b64(`{"iss":"https://x.example","deep":${deep}}`)}.c2ln`;
    const report = run(jwt);
    expect(report.kind).toBe('jwt');
    expect(report.claims?.find((row) => row.name === 'deep')?.value).toBe('(nested too deep to show)');
    expect(report.claims?.find((row) => row.name === 'iss')?.value).toBe('https://x.example');
  });

  it('an object id that is the group the rule names (an id-based gate) allows', () => {
    const id = '61503835-b6fe-4630-af88-de551dd59a2a';
    const report = inspect(
      fixtureBody(fixtures['id-only-groups']),
      context({ demos: [{ slug: 'by-id', gate: { group: id, selector: 'azure-groups' } }] }),
    ) as Report;
    expect(verdicts(report)).toEqual({ 'by-id': 'allow' });
  });

  it('SAML: the rule reads its attribute (Entra claim URI: object ids), Azure Groups cannot match it', () => {
    const report = fixture(fixtures.saml);
    expect(verdicts(report)).toEqual({ anyone: 'allow', 'saml-a': 'unknown', 'azure-a': 'deny', 'azure-b': 'deny' });
    expect(report.verdicts?.find((v) => v.slug === 'azure-a')).toMatchObject({ reason: 'provider', holdsGroup: true });
    expect(codes(report)).toEqual(['groups-are-object-ids', 'idp-cannot-match-rule']);
  });

  it('SAML with the group name in the attribute the rule reads: allowed', () => {
    const body = { ...(fixtures.saml.body as object), saml_attributes: { [ENTRA_SAML_GROUPS_CLAIM]: [GROUP_A] } };
    expect(verdicts(identity(body))).toMatchObject({ 'saml-a': 'allow' });
  });

  it('SAML without the attribute the rule reads: refused, no groups there', () => {
    const body = { email: 'a@b.c', idp: { type: 'saml' }, saml_attributes: { department: 'x' } };
    const report = identity(body);
    expect(report.verdicts?.find((v) => v.slug === 'saml-a')).toMatchObject({ verdict: 'deny', reason: 'no-groups' });
    expect(codes(report)).toEqual(['groups-missing']);
  });

  it('groups-missing: an Azure AD identity without groups', () => {
    const report = identity({ email: 'a@b.c', idp: { type: 'azureAD' } });
    expect(verdicts(report)).toMatchObject({ anyone: 'allow', 'azure-a': 'deny' });
    expect(codes(report)).toEqual(['groups-missing']);
  });

  it('no groups-missing when no demo needs a group', () => {
    const report = inspect(JSON.stringify({ email: 'a@b.c' }), context({ demos: [fixtureDemos[0]!] })) as Report;
    expect(codes(report)).toEqual([]);
  });

  it('group-overage: more than 150 SAML values, more than 200 groups, or a marker', () => {
    const guids = (n: number) => Array.from({ length: n }, (_, i) => fakeGuid(i));
    const cases: [unknown, string][] = [
      [{ email: 'a@b.c', idp: { type: 'saml' }, saml_attributes: { [ENTRA_SAML_GROUPS_CLAIM]: guids(151) } }, '151 SAML values'],
      [{ email: 'a@b.c', idp: { type: 'azureAD' }, groups: guids(201) }, '201 groups'],
      [
        {
          email: 'a@b.c',
          idp: { type: 'saml' },
          saml_attributes: { 'http://schemas.microsoft.com/claims/groups.link': 'https://graph.microsoft.com/v1.0/users/x/memberOf' },
        },
        'groups.link',
      ],
      [{ email: 'a@b.c', idp: { type: 'azureAD' }, oidc_fields: { hasgroups: true } }, 'hasgroups'],
      [{ email: 'a@b.c', idp: { type: 'azureAD' }, oidc_fields: { _claim_names: { groups: 'src1' } } }, '_claim_names'],
    ];
    for (const [body, detail] of cases) expect(identity(body).diagnoses, detail).toContainEqual({ code: 'group-overage', detail });
    expect(
      codes(identity({ email: 'a@b.c', idp: { type: 'saml' }, saml_attributes: { [ENTRA_SAML_GROUPS_CLAIM]: guids(150) } })),
    ).not.toContain('group-overage');
    expect(codes(identity({ email: 'a@b.c', idp: { type: 'azureAD' }, groups: guids(200) }))).not.toContain('group-overage');
  });
});

describe('what the diagnoses quote is cleaned like every shown value', () => {
  const tokenWith = async (iss: string) => {
    const keys = await createTestKeys();
    return new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(iss)
      .setExpirationTime('5m')
      .sign(await importJWK(keys.privateJwk, 'RS256'));
  };
  const issuerDetail = (report: Report) => report.diagnoses.find((d) => d.code === 'not-access-issuer')?.detail;

  it('a bidi override cannot make a foreign issuer read as a Cloudflare Access team', async () => {
    // Displayed, U+202E reverses what follows: "https://evil.example/moc.sseccaerawolfdc." would read as "…cloudflareaccess.com".
    const report = run(await tokenWith('https://evil.example/\u202Emoc.sseccaerawolfdc.'));
    expect(issuerDetail(report)).toBe('https://evil.example/moc.sseccaerawolfdc.');
  });

  it('a huge issuer is cut, not shown whole', async () => {
    const detail = issuerDetail(run(await tokenWith(`https://evil.example/${'a'.repeat(100_000)}`)));
    expect(detail?.length).toBeLessThanOrEqual(513);
    expect(detail?.endsWith('…')).toBe(true);
  });

  it("get-identity's err: controls and overrides dropped, long messages cut", () => {
    expect(identity({ err: 'no app\u202E token\u0000 set' })).toMatchObject({ diagnoses: [{ detail: '“no app token set”' }] });
    const long = identity({ err: 'x'.repeat(5000) }).diagnoses[0]?.detail ?? '';
    expect(long).toBe(`“${'x'.repeat(120)}…”`);
  });
});

describe('identity-error', () => {
  it('a pasted {"err": ...} answer', () => {
    expect(fixture(fixtures['signed-out'])).toEqual({
      kind: 'identity-error',
      cause: 'signed-out',
      diagnoses: [{ code: 'identity-error', detail: '“no app token set”' }],
    });
  });

  it('the current session: no session, not behind Access, an error, or an identity', () => {
    const answer = (f: IdentityFixture) =>
      inspectAnswer(classifyAnswer({ status: f.status, contentType: f.contentType, body: fixtureBody(f) }), context());
    expect(answer(fixtures['signed-out'])).toMatchObject({
      kind: 'identity-error',
      cause: 'signed-out',
      diagnoses: [{ code: 'identity-error' }],
    });
    expect(answer(fixtures.unprotected)).toMatchObject({
      kind: 'identity-error',
      cause: 'unprotected',
      diagnoses: [{ code: 'identity-error' }],
    });
    expect(answer(fixtures.error)).toMatchObject({ kind: 'identity-error', cause: 'error' });
    expect(answer(fixtures.member)).toMatchObject({ kind: 'identity', verdicts: expect.any(Array) });
  });
});

describe('diagnosis links', () => {
  it('every diagnosis links an entry of the troubleshooting page', () => {
    for (const code of DIAGNOSIS_CODES) expect(TROUBLESHOOTING_ANCHORS).toContain(DIAGNOSIS_ANCHORS[code]);
    expect(troubleshootingHref('group-overage')).toBe('/guides/troubleshooting/#group-overage');
  });
});
