/**
 * Cloudflare documents two keys at the certs endpoint, "the current key used to sign all new
 * tokens, and the previous key that has been rotated out"
 * (https://developers.cloudflare.com/cloudflare-one/access-controls/applications/http-apps/authorization-cookie/validating-json/);
 * nothing says a new key is published before it is used. A verifier written on that belief never
 * refetches for an unknown `kid`. So no sentence may say a key is published ahead of (before, in
 * advance of, prior to) its use, unless the sentence denies it.
 */
import { textBlocks } from '../blocks.ts';
import type { Finding } from '../finding.ts';
import type { ParsedPage } from '../parse-mdx.ts';

export const RULE = 'key-published-ahead';
const PUBLISHED_AHEAD =
  /\b(?:publish|published|publishes|listed)\b.{0,60}?\b(?:ahead of|before|in advance of|prior to)\b.{0,30}?\b(?:use|used|signs?|signing)\b|\bpublished in advance\b/i;
const DENIAL = /\b(?:nothing|not|no|never|neither|nor)\b|n't\b/i;

/** The sentences of a unit (a sentence ends at `.`, `!` or `?` before a space). */
const sentences = (text: string): string[] => text.split(/(?<=[.!?])\s+/);

function assertsPublishedAhead(sentence: string): boolean {
  const match = PUBLISHED_AHEAD.exec(sentence);
  return match !== null && !DENIAL.test(sentence.slice(0, match.index));
}

export function keyPublishedAhead(page: ParsedPage): Finding[] {
  return textBlocks(page.tree)
    .filter(({ text }) => /\bkeys?\b/i.test(text) && sentences(text).some(assertsPublishedAhead))
    .map(({ line }) => ({
      line,
      rule: RULE,
      message:
        'says a signing key is published ahead of use: Cloudflare documents the current and the previous key only, so a new kid can arrive before the verifier has it',
    }));
}
