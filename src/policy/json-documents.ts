/**
 * Reads one or more JSON documents written one after another, as `curl a; curl b` prints them
 * (`{...}{...}`, or separated by whitespace), with bounded work: the input's size, the number of
 * documents and the nesting depth are capped, lists longer than the cap are noted (the reader
 * keeps their first entries, read-policies.ts), and each cap that is hit is reported.
 *
 * A small splitter finds where each document ends (it knows strings, escapes and brackets, and
 * nothing else) and JSON.parse reads it; the splitter also tracks the depth and the length of
 * lists, which JSON.parse cannot stop at. A syntax error is reported with its line and column:
 * V8 (Chromium, Node) and Firefox put the position in their message, which is read back here
 * and counted from the document's start; where a message has none, the place of the token it
 * names is looked up. Never throws.
 */
import { text } from '../identity/parse-identity.ts';

export const JSON_LIMITS = {
  /** Characters: far above any account's policies, groups and providers together. */
  input: 1_000_000,
  documents: 20,
  /** Levels of arrays and objects; an application answer needs 7. */
  depth: 32,
  /** Elements of one list; the reader keeps this many. */
  items: 1_000,
} as const;

export interface Position {
  line: number;
  column: number;
}

export interface JsonDocument extends Position {
  value: unknown;
}

export type JsonProblem =
  /** `found`: the character where reading failed ('' at the end); `detail`: the browser's words, without its position. */
  | (Position & { kind: 'syntax'; found: string; detail?: string })
  | (Position & { kind: 'too-deep' | 'too-many-items' | 'too-many-documents'; limit: number })
  | { kind: 'too-large'; limit: number; size: number };

export interface JsonDocuments {
  documents: JsonDocument[];
  problems: JsonProblem[];
}

export function position(input: string, offset: number): Position {
  const before = input.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Where JSON.parse's error stands in `source`, from its message (see the top of this file). */
function errorOffset(message: string, source: string): number {
  const at = /position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    const lines = source.split('\n').slice(0, Number(lineColumn[1]) - 1);
    return lines.reduce((sum, line) => sum + line.length + 1, 0) + Number(lineColumn[2]) - 1;
  }
  // V8's "Unexpected token 'x', ..."context"... is not valid JSON": the token is 10 characters
  // into a context that starts with "...", else the whole (short) source is quoted: then this
  // takes the first of its kind outside a string, literal or number (in one it was valid), which
  // is where V8 stopped unless an earlier one was valid too (a closing bracket before a trailing
  // comma's: then the place is that earlier bracket's).
  const token = /token '([^']+)', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON/.exec(message);
  const from = token ? source.indexOf(token[3] ?? '') : -1;
  if (!token || from < 0) return 0;
  if (token[2]) return from + 10;
  const outside = outsideValues(source, token[1] ?? '');
  return outside >= 0 ? outside : Math.max(0, source.indexOf(token[1] ?? '', from));
}

/** A string, literal or number: where the token V8 stopped at cannot be (it would have read on). */
const VALID_TOKEN = /"(?:[^"\\]|\\.)*"|true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Where `wanted` first stands outside a string, literal or number, or -1. */
function outsideValues(source: string, wanted: string): number {
  for (let at = 0; at < source.length;) {
    VALID_TOKEN.lastIndex = at;
    const valid = VALID_TOKEN.exec(source);
    if (valid) at += valid[0].length;
    else if (source.startsWith(wanted, at)) return at;
    else at += 1;
  }
  return -1;
}

/** The first character at or after `offset` that is not whitespace (where a list's next entry starts). */
function startOfValue(input: string, offset: number): number {
  const value = /\S/g;
  value.lastIndex = offset;
  return value.exec(input)?.index ?? offset;
}

/** The character at `offset`, printable: control and invisible characters by their code. */
function found(input: string, offset: number): string {
  const char = input.charCodeAt(offset);
  if (Number.isNaN(char)) return '';
  return char < 0x20 || char === 0x7f || (char >= 0x200b && char <= 0x206f)
    ? `U+${char.toString(16).padStart(4, '0').toUpperCase()}`
    : input.charAt(offset);
}

/** What the splitter found from `start`: where the document ends, and a cap it hit (the first). */
interface Span {
  end: number;
  /** Nested deeper than the cap: the document is not read. */
  deep?: number;
  /** A list longer than the cap, where its first extra entry starts. */
  long?: number;
}

const CLOSING: Record<string, string> = { '{': '}', '[': ']' };

/** The end of the document at `start`: a bracketed one at its matching bracket, else the end of its token. */
function span(input: string, start: number): Span {
  const result: Span = { end: input.length };
  const first = input[start] ?? '';
  if (!CLOSING[first] && first !== '"') {
    const token = /[^\s{}[\],:"]*/y;
    token.lastIndex = start;
    result.end = start + Math.max(1, token.exec(input)?.[0].length ?? 0);
    return result;
  }
  // Commas seen in each open list (undefined for objects).
  const commas: (number | undefined)[] = [];
  for (let at = start; at < input.length; at += 1) {
    const char = input[at];
    if (char === '"') {
      for (at += 1; at < input.length && input[at] !== '"'; at += input[at] === '\\' ? 2 : 1);
      if (at >= input.length) return result;
      if (commas.length === 0) return { end: at + 1 };
    } else if (char === '{' || char === '[') {
      commas.push(char === '[' ? 0 : undefined);
      if (commas.length > JSON_LIMITS.depth) result.deep ??= at;
    } else if (char === '}' || char === ']') {
      commas.pop();
      if (commas.length === 0) return { ...result, end: at + 1 };
    } else if (char === ',') {
      const count = commas.at(-1);
      if (count !== undefined) commas[commas.length - 1] = count + 1;
      if (count === JSON_LIMITS.items - 1) result.long ??= at + 1;
    }
  }
  return result;
}

export function readJsonDocuments(raw: string): JsonDocuments {
  if (raw.length > JSON_LIMITS.input)
    return { documents: [], problems: [{ kind: 'too-large', limit: JSON_LIMITS.input, size: raw.length }] };
  const input = raw.replace(/^\uFEFF/, '');
  const documents: JsonDocument[] = [];
  const problems: JsonProblem[] = [];
  const next = /\S/g;
  // Every document tried counts, read or not, so a paste of many broken ones is bounded too.
  let tried = 0;
  for (let match = next.exec(input); match; match = next.exec(input), tried += 1) {
    const start = match.index;
    const where = position(input, start);
    if (tried >= JSON_LIMITS.documents) {
      problems.push({ kind: 'too-many-documents', limit: JSON_LIMITS.documents, ...where });
      break;
    }
    const { end, deep, long } = span(input, start);
    next.lastIndex = end;
    if (deep !== undefined) {
      problems.push({ kind: 'too-deep', limit: JSON_LIMITS.depth, ...position(input, deep) });
      continue;
    }
    const source = input.slice(start, end);
    try {
      documents.push({ value: JSON.parse(source), ...where });
      if (long !== undefined)
        problems.push({ kind: 'too-many-items', limit: JSON_LIMITS.items, ...position(input, startOfValue(input, long)) });
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      const offset = start + Math.min(errorOffset(message, source), source.length);
      const detail = text(message.replace(/\s*(?:in JSON )?(?:at position|at line|\(line)[\s\S]*$|, (?:\.\.\.)?"[\s\S]*$/, ''));
      problems.push({ kind: 'syntax', found: found(input, offset), ...position(input, offset), ...(detail ? { detail } : {}) });
      // Not a document at all (a shell prompt, a word): go on at the next line that starts one.
      if (!CLOSING[input[start] ?? '']) {
        const resume = /\n[ \t]*[[{]/g;
        resume.lastIndex = end;
        next.lastIndex = resume.exec(input)?.index ?? input.length;
      }
    }
  }
  return { documents, problems };
}
