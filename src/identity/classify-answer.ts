/**
 * Maps an HTTP answer from get-identity to one of the card's states (the `data-state` contract
 * in ARCHITECTURE.md, "Identity element"). What Access answers without a session is not documented by Cloudflare; the
 * mapping follows what is observed in the field (README, "What get-identity returns"):
 * 400 `{"err":"no app token set"}`, 401, 403 or a redirect to the login page mean no session;
 * 404 or an HTML page means the host is not behind Access; 5xx and unreadable JSON are errors.
 * `detail` is a short fact for the visitor; the card's templates hold the sentences around it.
 */
import { parseIdentity, text, type Identity } from './parse-identity.ts';

export type IdentityOutcome =
  { state: 'ready'; identity: Identity; raw: unknown } | { state: 'signed-out' | 'unprotected' | 'error'; detail: string };

export interface Answer {
  status: number;
  contentType: string | null;
  body: string;
  /** True when Access answered with a redirect (to its login page) that fetch did not follow. */
  redirected?: boolean;
}

function parseJson(body: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(body) };
  } catch {
    return undefined;
  }
}

const MAX_ERR = 120;
const shortText = (value: string): string => {
  const cleaned = text(value) ?? '';
  return cleaned.length > MAX_ERR ? `${cleaned.slice(0, MAX_ERR)}…` : cleaned;
};

export function classifyAnswer({ status, contentType, body, redirected }: Answer): IdentityOutcome {
  const http = `HTTP ${status}`;
  if (redirected) return { state: 'signed-out', detail: 'Access redirected to its sign-in page' };
  if (status === 401 || status === 403) return { state: 'signed-out', detail: http };
  if (status === 404) return { state: 'unprotected', detail: http };
  if (status >= 500) return { state: 'error', detail: http };
  if (!/\bjson\b/i.test(contentType ?? '') && !/^\s*[[{]/.test(body)) {
    return status < 300 ? { state: 'unprotected', detail: 'an HTML page' } : { state: 'error', detail: http };
  }
  const parsed = parseJson(body);
  if (!parsed) return { state: 'error', detail: 'the answer was not valid JSON' };
  const value = parsed.value;
  const err = typeof value === 'object' && value !== null && 'err' in value ? value.err : undefined;
  // Observed: HTTP 400 {"err":"no app token set"} when there is no Access session. The message is
  // shown, so it is cleaned like every other value (text(): no bidi overrides or controls) and cut.
  if (typeof err === 'string') return { state: 'signed-out', detail: `“${shortText(err)}”` };
  if (status >= 300) return { state: 'error', detail: http };
  const identity = parseIdentity(parsed.value);
  return identity ? { state: 'ready', identity, raw: parsed.value } : { state: 'error', detail: 'the answer held no identity' };
}
