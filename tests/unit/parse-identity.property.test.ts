/**
 * Property tests: whatever get-identity answers, parsing and classification never throw, and
 * what comes out is plain, bounded text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyAnswer } from '../../src/identity/classify-answer.ts';
import { parseIdentity, sortGroups } from '../../src/identity/parse-identity.ts';
import { hostileIdentity } from '../support/hostile-identities.ts';

describe('parseIdentity never throws and returns bounded text', () => {
  it('on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const identity = parseIdentity(value);
        // Only an object with one of the identity fields is an identity.
        const identityLike =
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          ['email', 'user_uuid', 'idp', 'id'].some((key) => key in value);
        expect(identity !== undefined).toBe(identityLike);
        if (!identity) return;
        expect(Array.isArray(identity.groups)).toBe(true);
        const sorted = sortGroups(identity.groups, 'CF-Demo-Group-A');
        expect(sorted).toHaveLength(identity.groups.length);
        expect(new Set(sorted)).toEqual(new Set(identity.groups));
      }),
      { numRuns: 2000 },
    );
  });

  it('on hostile identities (markup, script URLs, bidi overrides, huge strings, wrong types, deep nesting, thousands of groups)', () => {
    fc.assert(
      fc.property(hostileIdentity(), (value) => {
        const identity = parseIdentity(value);
        expect(identity).toBeDefined();
        for (const text of [identity?.name, identity?.email, identity?.country, ...(identity?.groups ?? []).map((g) => g.label)]) {
          if (text === undefined) continue;
          expect(typeof text).toBe('string');
          expect(text.length).toBeLessThanOrEqual(513);
          // eslint-disable-next-line no-control-regex -- matching control characters is the point
          expect(text).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('classifyAnswer maps any status and body to one of the four outcomes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 599 }),
        fc.option(fc.constantFrom('application/json', 'text/html', 'text/plain')),
        fc.string(),
        (status, contentType, body) => {
          expect(['ready', 'signed-out', 'unprotected', 'error']).toContain(classifyAnswer({ status, contentType, body }).state);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
