import { describe, expect, it } from 'vitest';
import { classifyAnswer } from '../../src/identity/classify-answer.ts';
import { fixtureBody, fixtures, type PersonaName } from '../../src/dev/personas/index.ts';

const answerOf = (name: PersonaName) => {
  const fixture = fixtures[name];
  return classifyAnswer({ status: fixture.status, contentType: fixture.contentType, body: fixtureBody(fixture) });
};

describe('classifyAnswer on every fixture', () => {
  it.each<[PersonaName, string]>([
    ['member', 'ready'],
    ['non-member', 'ready'],
    ['id-only-groups', 'ready'],
    ['saml', 'ready'],
    ['many-groups', 'ready'],
    ['slow', 'ready'],
    ['signed-out', 'signed-out'],
    ['unprotected', 'unprotected'],
    ['html-fall-through', 'unprotected'],
    ['error', 'error'],
    ['malformed', 'error'],
  ])('%s → %s', (name, state) => {
    expect(answerOf(name).state).toBe(state);
  });
});

describe('classifyAnswer by status and body', () => {
  const json = 'application/json';
  it.each([
    [401, json, '{}', 'signed-out'],
    [403, 'text/html', '<h1>Forbidden</h1>', 'signed-out'],
    [400, json, '{"err":"no app token set"}', 'signed-out'],
    [200, json, '{"err":"token expired"}', 'signed-out'],
    [400, 'text/plain', 'bad request', 'error'],
    [404, json, '{}', 'unprotected'],
    [500, json, '{"email":"a@b.c"}', 'error'],
    [503, 'text/html', '', 'error'],
    [200, json, '[]', 'error'],
    [200, json, '"just a string"', 'error'],
    [200, json, '{"unrelated":true}', 'error'],
    [200, null, '{"email":"a@b.c"}', 'ready'],
    [200, 'text/html', '<!doctype html>', 'unprotected'],
    [302, 'text/html', '', 'error'],
  ])('HTTP %i %s %j → %s', (status, contentType, body, state) => {
    expect(classifyAnswer({ status, contentType, body }).state).toBe(state);
  });

  it('treats a redirect that fetch did not follow (Access login) as signed out', () => {
    expect(classifyAnswer({ status: 0, contentType: null, body: '', redirected: true }).state).toBe('signed-out');
  });

  it('keeps the parsed answer for the raw view', () => {
    const outcome = answerOf('member');
    expect(outcome.state === 'ready' && (outcome.raw as { version: number }).version).toBe(2);
  });
});
