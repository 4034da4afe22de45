/**
 * A token's claims as rows the page can show: each value as plain text (cleaned and cut like the
 * identity card's values), times as dates with how long ago or how soon. The words that explain
 * each claim are in the page's markup (components/Inspector.astro), keyed by claim name.
 */
import type { JWTPayload } from 'jose';
import { text } from '../identity/parse-identity.ts';
import { relativeTime } from '../identity/relative-time.ts';

export interface ClaimRow {
  name: string;
  value: string;
  /** For NumericDate claims (RFC 7519 section 2): the date, and "in 5 minutes" or "3 hours ago". */
  time?: { iso: string; relative: string };
}

/** Cloudflare's documented claims first, in the order a reader checks them; the rest after. */
const ORDER = ['iss', 'aud', 'sub', 'email', 'type', 'common_name', 'identity_nonce', 'country', 'iat', 'nbf', 'exp'];
const TIMES = new Set(['iat', 'nbf', 'exp', 'auth_time']);
const MAX_ROWS = 100;

function valueText(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '(empty)' : (text(value) ?? '(blank)');
  try {
    return text(JSON.stringify(value)) ?? String(value);
  } catch {
    // Nested deeper than the engine's stack (Node's is smaller than Chromium's): decoded, not shown.
    return '(nested too deep to show)';
  }
}

function timeOf(value: unknown, nowMs: number): ClaimRow['time'] {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const date = new Date(value * 1000);
  if (Number.isNaN(date.getTime())) return undefined;
  return { iso: date.toISOString().replace('.000Z', 'Z'), relative: relativeTime(value, nowMs) };
}

export function claimRows(claims: JWTPayload, nowMs: number): ClaimRow[] {
  const names = Object.keys(claims);
  const ordered = [...ORDER.filter((name) => names.includes(name)), ...names.filter((name) => !ORDER.includes(name))];
  return ordered.slice(0, MAX_ROWS).map((name) => {
    const value = claims[name];
    const row: ClaimRow = { name: text(name) ?? '(blank)', value: valueText(value) };
    const time = TIMES.has(name) ? timeOf(value, nowMs) : undefined;
    if (time) row.time = time;
    return row;
  });
}
