/**
 * Everything the page shows about one input, as data: what it is, its claims or identity, a
 * verdict per demo (identities only: Access tokens carry no groups), the diagnoses, and the
 * identity the pasted policies are evaluated against (an identity, or an Access token's claims).
 * Pure, so the unit tests and the page run the same code; the element (inspector-element.ts)
 * only renders the report.
 */
import type { JWTPayload, ProtectedHeaderParameters } from 'jose';
import type { IdentityOutcome } from '../identity/classify-answer.ts';
import { text, type Identity } from '../identity/parse-identity.ts';
import { claimRows, type ClaimRow } from './claims.ts';
import { diagnoseIdentity, diagnoseToken, diagnosis, identityError, type Diagnosis } from './diagnose.ts';
import { readInput, type InputKind } from './read-input.ts';
import { identityFromAnswer, identityFromToken, type PolicyIdentity } from '../policy/policy-identity.ts';
import { demoVerdicts, type DemoGateInfo, type DemoVerdict } from './verdicts.ts';

/** Group rows the page shows at most (the element, and the template's words); the count says how many there are. */
export const GROUP_ROWS = 200;

export interface InspectContext {
  demos: readonly DemoGateInfo[];
  nowMs: number;
  savedTeam?: string | undefined;
}

export interface Report {
  kind: InputKind;
  header?: { alg?: string | undefined; kid?: string | undefined; typ?: string | undefined };
  claims?: ClaimRow[];
  /** The Access team that issued the token. */
  team?: string;
  identity?: Identity;
  verdicts?: DemoVerdict[];
  /** For `identity-error`: no session, a host not behind Access, or a failed request. */
  cause?: 'signed-out' | 'unprotected' | 'error';
  diagnoses: Diagnosis[];
  /** Who the pasted policies are evaluated for: an identity, or an Access token (no groups, no provider). */
  who?: PolicyIdentity;
}

/** The header fields the page shows, cleaned like every other value (they come from the input too). */
function header({ alg, kid, typ }: ProtectedHeaderParameters): NonNullable<Report['header']> {
  return { alg: text(alg), kid: text(kid), typ: text(typ) };
}

/** The report for pasted text, or undefined when there is nothing to inspect. */
export function inspect(input: string, context: InspectContext): Report | undefined {
  const read = readInput(input);
  switch (read.kind) {
    case 'empty':
      return undefined;
    case 'invalid':
      return { kind: 'invalid', diagnoses: read.malformed ? [diagnosis('jwt-malformed')] : [] };
    case 'identity-error':
      return { kind: 'identity-error', cause: 'signed-out', diagnoses: [identityError(read.detail)] };
    case 'identity':
      return inspectIdentity(read.identity, read.raw, context);
    default: {
      const claims: JWTPayload = read.claims;
      const report: Report = {
        kind: read.kind,
        header: header(read.header),
        claims: claimRows(claims, context.nowMs),
        diagnoses: diagnoseToken({
          kind: read.kind,
          claims,
          truncated: read.truncated,
          team: read.team,
          nowMs: context.nowMs,
          savedTeam: context.savedTeam,
        }),
      };
      if (read.team) report.team = read.team;
      if (read.kind === 'access-jwt') report.who = identityFromToken(claims);
      return report;
    }
  }
}

export function inspectIdentity(identity: Identity, raw: unknown, context: InspectContext): Report {
  const verdicts = demoVerdicts(identity, raw, context.demos);
  return {
    kind: 'identity',
    identity,
    verdicts,
    diagnoses: diagnoseIdentity(identity, raw, verdicts),
    who: identityFromAnswer(identity, raw),
  };
}

/** The report for what get-identity answered "Use my current session" (classify-answer.ts). */
export function inspectAnswer(outcome: IdentityOutcome, context: InspectContext): Report {
  if (outcome.state === 'ready') return inspectIdentity(outcome.identity, outcome.raw, context);
  return { kind: 'identity-error', cause: outcome.state, diagnoses: [identityError(outcome.detail)] };
}
