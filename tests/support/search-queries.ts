/**
 * Queries for the real index, taken from the built pages' own running text (never spelled in a
 * test, so no wording of a guide is an input): words and phrases that one paragraph alone holds,
 * with the page and the heading a search for them must land on.
 */
import type { BuiltPage, PageParagraph } from './search-index.ts';

export interface TextQuery {
  /** What the reader types. */
  query: string;
  /** Where it must land: the page, and the heading of the section that holds it. */
  url: string;
  heading: { id: string; text: string };
}

const wordsOf = (text: string): string[] => text.toLowerCase().match(/\p{L}+/gu) ?? [];

/**
 * Long enough to say something, and shared by no other word of the site in its first letters:
 * Pagefind matches a query word as a prefix and by its stem, so no other word can answer for it.
 */
const WORD = /^[a-z]{8,}$/;
const PREFIX_LETTERS = 6;

/**
 * Up to `count` words, each from a different page (in URL order), that appear once in the whole
 * of the public pages' text: in a paragraph's running text, under a heading, the last such on its page.
 */
export function distinctiveWords(pages: readonly BuiltPage[], count: number): TextQuery[] {
  const counts = new Map<string, number>();
  const byPrefix = new Map<string, Set<string>>();
  for (const word of pages.flatMap((page) => wordsOf(page.text))) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
    const prefix = word.slice(0, PREFIX_LETTERS);
    byPrefix.set(prefix, (byPrefix.get(prefix) ?? new Set()).add(word));
  }
  const alone = (word: string) => counts.get(word) === 1 && byPrefix.get(word.slice(0, PREFIX_LETTERS))?.size === 1;
  const queries: TextQuery[] = [];
  for (const page of [...pages].sort((a, b) => a.url.localeCompare(b.url))) {
    // From the page's end: deep in its running text, not a section's opening.
    for (const { url, heading, text } of [...page.paragraphs].reverse()) {
      // A whole word between spaces: no punctuation of the text comes with it.
      const word = heading && text.split(/\s+/).find((token) => WORD.test(token) && alone(token));
      if (heading && word) {
        queries.push({ query: word, url, heading });
        break;
      }
    }
    if (queries.length === count) break;
  }
  return queries;
}

const PHRASE_WORDS = 4;

/** Occurrences of a phrase of whole words in a text, ignoring case. */
const occurrences = (text: string, phrase: string): number =>
  text.toLowerCase().match(new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, 'gu'))?.length ?? 0;

/**
 * A phrase of plain words (no punctuation between them) that one paragraph under a heading holds
 * and no other text of the public pages does, though its words are elsewhere too.
 */
export function distinctivePhrase(pages: readonly BuiltPage[]): TextQuery | undefined {
  const all = pages.map((page) => page.text).join(' \n ');
  const paragraphs: PageParagraph[] = pages.flatMap((page) => page.paragraphs);
  for (const { url, heading, text } of paragraphs) {
    if (!heading) continue;
    const tokens = text.split(/\s+/);
    for (let start = 0; start + PHRASE_WORDS <= tokens.length; start += 1) {
      const words = tokens.slice(start, start + PHRASE_WORDS);
      if (!words.every((word) => /^[a-z]{3,}$/.test(word))) continue;
      const phrase = words.join(' ');
      // Its words must also stand apart elsewhere, or the quotes would not be what finds it.
      if (occurrences(all, phrase) === 1 && words.every((word) => occurrences(all, word) > 1))
        return { query: `"${phrase}"`, url, heading };
    }
  }
  return undefined;
}
