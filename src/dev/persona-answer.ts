/** Dev-mock personas: the identity fixtures, as HTTP answers. Dev only (see dev-access-mock.ts). */
import { fixtureBody, fixtures, type PersonaName } from './personas/index.ts';

export const PERSONAS = fixtures;
export const DEFAULT_PERSONA: PersonaName = 'member';

export function personaAnswer(name: string) {
  const fixture = PERSONAS[name as PersonaName] ?? PERSONAS[DEFAULT_PERSONA];
  return { status: fixture.status, contentType: fixture.contentType, body: fixtureBody(fixture), delayMs: fixture.delayMs ?? 0 };
}
