/**
 * Maps an HTTP answer from get-identity to one of the card's states (the `data-state` contract
 * in DESIGN.md). What Access answers without a session is not documented by Cloudflare; the
 * mapping follows what is observed in the field (README, "What get-identity returns"):
 * 400 `{"err":"no app token set"}`, 401 and 403 mean no session; 404 or an HTML page means the
 * host is not behind Access; 5xx and unreadable JSON are errors.
 */
import { parseIdentity, type Identity } from './parse-identity.ts';

export type IdentityOutcome =
  | { state: 'ready'; identity: Identity; raw: unknown }
  | { state: 'signed-out'; reason: string }
  | { state: 'unprotected'; reason: string }
  | { state: 'error'; reason: string };

export interface Answer {
  status: number;
  contentType: string | null;
  body: string;
  /** True when Access answered with a redirect (to its login page) that fetch did not follow. */
  redirected?: boolean;
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

const looksLikeJson = (answer: Answer) =>
  /\bjson\b/i.test(answer.contentType ?? '') || /^\s*[[{]/.test(answer.body);

const errorField = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { err?: unknown }).err === 'string'
    ? (value as { err: string }).err
    : undefined;

export function classifyAnswer(answer: Answer): IdentityOutcome {
  if (answer.redirected || answer.status === 401 || answer.status === 403) {
    return { state: 'signed-out', reason: 'Cloudflare Access has no valid session for you on this site.' };
  }
  if (answer.status === 404) {
    return { state: 'unprotected', reason: 'This address is not behind Cloudflare Access, so there is no identity to show.' };
  }
  if (answer.status >= 500) {
    return { state: 'error', reason: `Cloudflare Access answered with an error (HTTP ${answer.status}).` };
  }
  if (!looksLikeJson(answer)) {
    if (answer.status >= 200 && answer.status < 300) {
      return { state: 'unprotected', reason: 'This address answered with a web page instead of an identity: Cloudflare Access is not in front of it.' };
    }
    return { state: 'error', reason: `Unexpected answer from get-identity (HTTP ${answer.status}).` };
  }
  const parsed = parseJson(answer.body);
  if (!parsed.ok) {
    return { state: 'error', reason: 'The identity answer was not valid JSON.' };
  }
  const err = errorField(parsed.value);
  if (err !== undefined) {
    // Observed: HTTP 400 {"err":"no app token set"} when there is no Access session.
    return { state: 'signed-out', reason: `Cloudflare Access has no valid session for you (“${err.slice(0, 200)}”).` };
  }
  if (answer.status >= 300) {
    return { state: 'error', reason: `Unexpected answer from get-identity (HTTP ${answer.status}).` };
  }
  const identity = parseIdentity(parsed.value);
  if (!identity) {
    return { state: 'error', reason: 'The identity answer did not contain an identity.' };
  }
  return { state: 'ready', identity, raw: parsed.value };
}
