/**
 * Reading what is pasted into the policy field: every shape the API answers, with or without
 * its envelope, several documents one after another, invalid JSON with its line and column,
 * documents that are ignored and why, hostile names, and input too big or too deep (bounded,
 * with a message).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeIgnored, describeProblem, describeRead, loadPolicyWords } from '../support/policy-words.ts';
import { evaluationOrder } from '../../src/policy/evaluate.ts';
import { JSON_LIMITS, readJsonDocuments } from '../../src/policy/json-documents.ts';
import { readDocuments } from '../../src/policy/read-documents.ts';
import { pasted, read } from '../fixtures/policy/identities.ts';

beforeAll(loadPolicyWords);

const envelope = (result: unknown) => JSON.stringify({ success: true, errors: [], messages: [], result });
const allow = (name: string, extra: object = {}) => ({ id: `id-${name}`, name, decision: 'allow', include: [{ everyone: {} }], ...extra });

describe('every shape the API answers', () => {
  it('a list of policies in the envelope (GET /access/policies)', () => {
    const policies = read('policies.json');
    expect(policies.policies.map((p) => [p.key, p.name, p.decision])).toEqual([
      ['rrrr0000-0000-4000-8000-000000000001', 'Staff, with MFA', 'allow'],
      ['rrrr0000-0000-4000-8000-000000000002', 'Office network', 'bypass'],
    ]);
    expect(policies.policies[0]?.rules.map((r) => [r.list, r.key])).toEqual([
      ['include', 'group'],
      ['require', 'auth_method'],
      ['exclude', 'email'],
    ]);
    expect(policies.policies[0]?.settings.map((s) => s.kind)).toEqual(['approval', 'isolation', 'mfa']);
    expect(describeRead(policies)).toBe('Read 2 policies.');
    expect(policies.ignored).toEqual([]);
  });

  it('the same list without the envelope, and one policy with and without it', () => {
    expect(readDocuments(JSON.stringify([allow('a'), allow('b')])).counts.policies).toBe(2);
    expect(readDocuments(JSON.stringify(allow('a'))).policies.map((p) => p.name)).toEqual(['a']);
    expect(readDocuments(envelope(allow('a'))).policies.map((p) => p.name)).toEqual(['a']);
  });

  it('one application with its policies (GET /access/apps/{id})', () => {
    const app = read('application.json');
    expect(app.application).toMatchObject({ name: 'Barbican demo: scim-a', allowedIdps: ['f3a1c9e0-0000-4000-8000-00000000a2ad'] });
    expect(evaluationOrder(app.policies).map((p) => [p.name, p.precedence])).toEqual([
      ['Health check', 3],
      ['Group A', 1],
      ['Block contractors', 2],
    ]);
    expect(describeRead(app)).toBe('Read 1 application and 3 policies.');
  });

  it("an application's policies given by id are taken from the pasted policies; others are reported", () => {
    const app = {
      id: 'app',
      domain: 'x.example',
      aud: 'a',
      allowed_idps: [],
      policies: [
        { id: 'id-b', precedence: 1 },
        { id: 'id-gone', precedence: 2 },
      ],
    };
    const result = readDocuments(`${envelope([allow('a'), allow('b')])}\n${envelope(app)}`);
    expect(result.policies.map((p) => [p.name, p.precedence])).toEqual([['b', 1]]);
    expect(result.ignored).toEqual([
      { document: 2, line: 2, reason: 'missing-policy', detail: 'id-gone' },
      { document: 1, line: 1, item: 1, reason: 'not-attached', detail: 'a' },
    ]);
    expect(result.ignored.map(describeIgnored)).toEqual([
      'Document 2 (line 2): ignored, the application names this policy by id, but its rules were not pasted (“id-gone”).',
      'Document 1 (line 1), item 1: ignored, not one of the pasted application’s policies (“a”).',
    ]);
  });

  it('a list of rule groups (GET /access/groups) and of identity providers (GET /access/identity_providers)', () => {
    const groups = read('groups.json');
    expect(groups.groups.map((g) => [g.name, g.rules.length])).toEqual([
      ['Staff', 1],
      ['Staff in GB', 2],
      ['Loop A', 1],
      ['Loop B', 1],
    ]);
    const providers = read('providers.json');
    expect(providers.providers).toEqual([
      { id: 'f3a1c9e0-0000-4000-8000-00000000a2ad', name: 'Azure AD', type: 'azureAD' },
      { id: '5a3d0000-0000-4000-8000-00000000sa31', name: 'Entra SAML', type: 'saml' },
    ]);
    expect(describeRead(groups)).toBe('Read 4 rule groups.');
    expect(describeRead(providers)).toBe('Read 2 identity providers.');
  });

  it('several documents one after another, as `curl a; curl b` prints them, sorted by shape', () => {
    const all = read('providers.json', 'groups.json', 'policies.json');
    expect(all.counts).toEqual({ policies: 2, applications: 0, groups: 4, providers: 2 });
    expect(describeRead(all)).toBe('Read 2 policies, 4 rule groups and 2 identity providers.');
    // Without anything between them.
    const glued = readDocuments(`${JSON.stringify(allow('a'))}${JSON.stringify(allow('b'))}[${JSON.stringify(allow('c'))}]`);
    expect(glued.policies.map((p) => p.name)).toEqual(['a', 'b', 'c']);
    // With an application: only its policies are evaluated, the rest are reported.
    const withApp = read('providers.json', 'groups.json', 'application.json', 'policies.json');
    expect(withApp.policies.map((p) => p.name)).toEqual(['Block contractors', 'Group A', 'Health check']);
    expect(withApp.ignored.map((i) => [i.reason, i.detail])).toEqual([
      ['not-attached', 'Staff, with MFA'],
      ['not-attached', 'Office network'],
    ]);
  });
});

describe('what is ignored, and why', () => {
  it('an API error, things that are not Access objects, a bad decision, a second application', () => {
    const error = JSON.stringify({
      success: false,
      errors: [{ code: 10000, message: 'Authentication error' }],
      messages: [],
      result: null,
    });
    const app = (name: string) => JSON.stringify({ name, domain: 'x.example', aud: 'a', policies: [] });
    const result = readDocuments(
      [error, '[1, "x", {"foo": 1}, null]', JSON.stringify({ decision: 'maybe', include: [] }), app('first'), app('second')].join('\n'),
    );
    expect(result.ignored.map(describeIgnored)).toEqual([
      'Document 1 (line 1): ignored, the API answered an error (“Authentication error (10000)”).',
      'Document 2 (line 2), item 1: ignored, not a policy, application, rule group or identity provider (“a number”).',
      'Document 2 (line 2), item 2: ignored, not a policy, application, rule group or identity provider (“a string”).',
      'Document 2 (line 2), item 3: ignored, not a policy, application, rule group or identity provider (“an object”).',
      'Document 2 (line 2), item 4: ignored, not a policy, application, rule group or identity provider (“null”).',
      'Document 3 (line 3): ignored, a policy whose decision is not allow, deny, non_identity or bypass (“maybe”).',
      'Document 5 (line 5): ignored, only the first application is evaluated (“second”).',
    ]);
    expect(result.application?.name).toBe('first');
  });
});

describe('invalid JSON: the line and column', () => {
  it('a missing comma, reported where it is, in the browser engine’s words', () => {
    const text = '[\n  {"name": "a", "decision": "allow"\n   "include": []}\n]';
    const result = readDocuments(text);
    expect(result.problems).toEqual([
      { kind: 'syntax', found: '"', line: 3, column: 4, detail: "Expected ',' or '}' after property value" },
    ]);
    expect(describeProblem(result.problems[0]!)).toBe(
      "Line 3, column 4: not valid JSON at “\"” (Expected ',' or '}' after property value).",
    );
  });

  it('each kind of mistake, at the place it is', () => {
    const first = (text: string) => readJsonDocuments(text).problems[0];
    // V8 names no position for an unexpected token: it is looked up from the token it quotes.
    expect(first('{"a": }')).toMatchObject({ found: '}', line: 1, column: 7 });
    expect(first('{a: 1}')).toMatchObject({ found: 'a', column: 2 });
    expect(first('{"a" 1}')).toMatchObject({ found: '1', column: 6 });
    expect(first('[1 2]')).toMatchObject({ found: '2', column: 4 });
    expect(first('{"a": "unterminated')).toMatchObject({ found: '', column: 20, detail: 'Unterminated string' });
    expect(first('{"a": "bad \\x escape"}')).toMatchObject({ found: 'x', column: 13 });
    expect(first('{"a": 1,}')).toMatchObject({ found: '}', column: 9 });
    expect(first('$ curl https://api.cloudflare.com/...')).toMatchObject({ found: '$', line: 1, column: 1 });
    expect(first('{"a": "tab\there"}')).toMatchObject({ found: 'U+0009', column: 11 });
    expect(first('{"a": 1')).toMatchObject({ found: '', column: 8 });
    expect(describeProblem(first('{"a": 1')!)).toBe(
      "Line 1, column 8: not valid JSON at the end (Expected ',' or '}' after property value).",
    );
  });

  it('a short document: the unexpected token is the first of its kind outside strings, literals and numbers', () => {
    const first = (text: string) => readJsonDocuments(text).problems[0];
    expect(first('[\n"allow",\nallow]')).toMatchObject({ found: 'a', line: 3, column: 1 });
    expect(first('{"x": 1, "y": x}')).toMatchObject({ found: 'x', line: 1, column: 15 });
    expect(first('[false, allow]')).toMatchObject({ found: 'a', column: 9 });
    expect(first('[1e5, e]')).toMatchObject({ found: 'e', column: 7 });
    expect(first('[trux]')).toMatchObject({ found: 'x', column: 5 });
  });

  it('a long document: the unexpected token is found from the context the engine quotes', () => {
    const text = `{\n  "name": "${'x'.repeat(80)}",\n  "decision": }`;
    expect(readJsonDocuments(text).problems).toMatchObject([{ found: '}', line: 3, column: 15 }]);
  });

  it('reading goes on after a broken document, and after text that is no document at the next line that starts one', () => {
    const result = readDocuments(`{"name": "broken" "decision": "allow"}\n${JSON.stringify(allow('fine'))}`);
    expect(result.problems.map((p) => p.kind === 'syntax' && [p.line, p.column])).toEqual([[1, 19]]);
    expect(result.policies.map((p) => p.name)).toEqual(['fine']);
    const prompt = readDocuments(`$ curl -s https://api.cloudflare.com/client/v4/x {\n${JSON.stringify(allow('after'))}`);
    expect(prompt.problems).toHaveLength(1);
    expect(prompt.policies.map((p) => p.name)).toEqual(['after']);
  });

  it('values read as JSON.parse reads them', () => {
    const text = '{"s": "a\\"b\\u00e9\\n", "n": -1.5e3, "t": true, "f": false, "z": null, "a": [], "o": {}}';
    expect(readJsonDocuments(text).documents[0]?.value).toEqual(JSON.parse(text));
    expect(readJsonDocuments('\uFEFF 1 "two" [3]').documents.map((d) => d.value)).toEqual([1, 'two', [3]]);
  });
});

describe('hostile and huge input', () => {
  it('names are cleaned: no bidirectional overrides or control characters, a length cap', () => {
    const hostile = allow('\u202Egnp.exe\u202C \u0000admin\u0007', {
      id: `${'x'.repeat(10_240)}`,
      include: [{ email: { email: '\u2066a@b.c\u2069' } }],
    });
    const [policy] = readDocuments(JSON.stringify(hostile)).policies;
    expect(policy?.name).toBe('gnp.exe admin');
    expect(policy?.id).toHaveLength(513);
    expect(policy?.key).toBe(policy?.id);
  });

  it('a key "__proto__" stays a key: no prototype is changed', () => {
    const result = readDocuments('{"decision": "allow", "include": [{"__proto__": {"polluted": true}}], "__proto__": {"polluted": true}}');
    expect(result.policies[0]?.rules.map((r) => r.key)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(readJsonDocuments('{"__proto__": []}').documents[0]?.value)).toBe(Object.prototype);
  });

  it('too large: not read, with a message', () => {
    const result = readDocuments(' '.repeat(JSON_LIMITS.input + 1));
    expect(result.problems).toEqual([{ kind: 'too-large', limit: 1_000_000, size: 1_000_001 }]);
    expect(describeProblem(result.problems[0]!)).toBe(
      'The paste is 1,000,001 characters long; at most 1,000,000 are read, so none of it was.',
    );
  });

  it('nested too deep: that document is not read, with a message; the next one is', () => {
    const deep = `${'['.repeat(100)}${']'.repeat(100)}\n${JSON.stringify(allow('after'))}`;
    const result = readDocuments(deep);
    expect(result.problems).toEqual([{ kind: 'too-deep', limit: 32, line: 1, column: 33 }]);
    expect(describeProblem(result.problems[0]!)).toBe('Line 1, column 33: nested deeper than 32 levels, so that document was not read.');
    expect(result.policies.map((p) => p.name)).toEqual(['after']);
  });

  it('too many entries: the first thousand are read, with a message', () => {
    const many = Array.from({ length: 1_500 }, (_, i) => allow(`p${i}`));
    const result = readDocuments(JSON.stringify(many));
    expect(result.policies).toHaveLength(1_000);
    expect(result.problems).toMatchObject([{ kind: 'too-many-items', limit: 1_000, line: 1 }]);
    expect(describeProblem(result.problems[0]!)).toMatch(
      /^Line 1, column \d+: more than 1,000 entries in one list; only the first 1,000 were read\.$/,
    );
  });

  it('too many entries in a list laid out one per line: the line where the first extra one starts', () => {
    const many = Array.from({ length: 1_005 }, (_, i) => JSON.stringify(allow(`p${i}`)));
    const result = readDocuments(`[\n${many.join(',\n')}\n]`);
    expect(result.problems).toMatchObject([{ kind: 'too-many-items', line: 1_002, column: 1 }]);
  });

  it('many broken documents count as documents: twenty are tried, then a message, and the work stays small', () => {
    const result = readDocuments('{x}\n'.repeat(16_000));
    expect(result.problems.filter((p) => p.kind === 'syntax')).toHaveLength(20);
    expect(result.problems.at(-1)).toEqual({ kind: 'too-many-documents', limit: 20, line: 21, column: 1 });
  });

  it('too many documents: the first twenty are read, with a message', () => {
    const result = readDocuments(Array.from({ length: 25 }, (_, i) => JSON.stringify(allow(`p${i}`))).join('\n'));
    expect(result.policies).toHaveLength(20);
    expect(result.problems).toEqual([{ kind: 'too-many-documents', limit: 20, line: 21, column: 1 }]);
    expect(describeProblem(result.problems[0]!)).toBe('Line 21: more than 20 documents; the rest were not read.');
  });

  it('a paste at the size limit is read without hanging', () => {
    const big = pasted('policies.json').padEnd(JSON_LIMITS.input - 10, ' ');
    expect(readDocuments(big).counts.policies).toBe(2);
  });
});
