/** What the inspector takes pasted text to be: each kind, every way a token is pasted, garbage. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readInput, tokenText } from '../../src/inspector/read-input.ts';
import { fixtureBody, fixtures } from '../../src/dev/personas/index.ts';
import { tokenFixtures, type TokenFixtures } from '../fixtures/inspector/tokens.ts';
import { HOSTILE_STRINGS } from '../support/hostile-identities.ts';

let tokens: TokenFixtures;
beforeAll(async () => {
  tokens = await tokenFixtures();
});

describe('readInput: the kind of what was pasted', () => {
  it('tells Access, Entra and other tokens apart by their issuer', () => {
    expect(readInput(tokens.access).kind).toBe('access-jwt');
    expect(readInput(tokens.accessOtherTeam).kind).toBe('access-jwt');
    expect(readInput(tokens.serviceToken).kind).toBe('access-jwt');
    expect(readInput(tokens.entra).kind).toBe('entra-jwt');
    expect(readInput(tokens.otherIssuer).kind).toBe('jwt');
  });

  it('reads every identity fixture as an identity, and get-identity errors as identity-error', () => {
    for (const name of ['member', 'non-member', 'id-only-groups', 'saml', 'many-groups'] as const) {
      expect(readInput(fixtureBody(fixtures[name])).kind, name).toBe('identity');
    }
    expect(readInput(fixtureBody(fixtures['signed-out']))).toEqual({ kind: 'identity-error', detail: '“no app token set”' });
  });

  it('calls other text invalid, and says whether it was a token cut short', () => {
    for (const name of ['unprotected', 'html-fall-through', 'malformed'] as const) {
      expect(readInput(fixtureBody(fixtures[name])), name).toEqual({ kind: 'invalid', malformed: false });
    }
    expect(readInput('{"hello": "world"}')).toEqual({ kind: 'invalid', malformed: false });
    expect(readInput(tokens.cutPayload)).toEqual({ kind: 'invalid', malformed: true });
    expect(readInput('eyJhbGciOiJSUzI1NiJ9.garbage!!.x')).toEqual({ kind: 'invalid', malformed: true });
    expect(readInput('   ')).toEqual({ kind: 'empty' });
  });

  it('keeps the kind of a token whose signature was cut off, and marks it truncated', () => {
    const cut = readInput(tokens.cutSignature);
    expect(cut).toMatchObject({ kind: 'access-jwt', truncated: true });
    expect(readInput(tokens.access)).toMatchObject({ truncated: false });
    expect(readInput(tokens.access.slice(0, tokens.access.lastIndexOf('.') + 1))).toMatchObject({ kind: 'access-jwt', truncated: true });
  });

  it('never throws on hostile text', () => {
    for (const text of [...HOSTILE_STRINGS, 'eyJ', 'eyJ.eyJ.', '[', '{', 'null', '"eyJ"', `eyJ${'A'.repeat(100_000)}`]) {
      expect(() => readInput(text), text.slice(0, 40)).not.toThrow();
    }
  });
});

describe('tokenText: the token in what was pasted', () => {
  it('takes the value from a header line, a cookie string, a Bearer value or quotes', () => {
    expect(tokenText(`Cf-Access-Jwt-Assertion: ${tokens.access}`)).toBe(tokens.access);
    expect(tokenText(`theme=dark; CF_Authorization=${tokens.access}; other=1`)).toBe(tokens.access);
    expect(tokenText(`Bearer ${tokens.access}`)).toBe(tokens.access);
    expect(tokenText(`"${tokens.access}"\n`)).toBe(tokens.access);
    expect(readInput(`CF_Authorization=${tokens.access}`).kind).toBe('access-jwt');
  });
});
