/**
 * Reads one or more JSON documents written one after another, as `curl a; curl b` prints them
 * (`{...}{...}`, or separated by whitespace), with bounded work: the input's size, the number of
 * documents, the nesting depth and the length of every array and object are capped, and each
 * cap that is hit is reported. A syntax error is reported with its line and column, and reading
 * resumes at the next line that starts a document.
 *
 * Hand-written rather than JSON.parse, whose error positions differ from browser to browser and
 * which cannot stop at a depth, or jsonc-parser, which alone would take a third of the
 * inspector's script budget. It follows RFC 8259 (https://www.rfc-editor.org/rfc/rfc8259) and
 * never throws.
 */

export const JSON_LIMITS = {
  /** Characters: far above any account's policies, groups and providers together. */
  input: 1_000_000,
  documents: 20,
  /** Levels of arrays and objects; an application answer needs 7. */
  depth: 32,
  /** Elements of one array or members of one object; the rest are read past and dropped. */
  items: 1_000,
} as const;

export interface Position {
  line: number;
  column: number;
}

export interface JsonDocument extends Position {
  value: unknown;
}

/** What the reader expected where the syntax went wrong. */
export type SyntaxExpectation = 'value' | 'comma-or-bracket' | 'comma-or-brace' | 'key' | 'colon' | 'string-end' | 'escape' | 'document';

export type JsonProblem =
  | (Position & { kind: 'syntax'; expected: SyntaxExpectation; found: string })
  | (Position & { kind: 'too-deep' | 'too-many-items'; limit: number })
  | (Position & { kind: 'too-many-documents'; limit: number })
  | { kind: 'too-large'; limit: number; size: number };

export interface JsonDocuments {
  documents: JsonDocument[];
  problems: JsonProblem[];
}

type StopProblem = { kind: 'syntax'; expected: SyntaxExpectation } | { kind: 'too-deep'; limit: number };

/** Thrown inside the reader to unwind to the document being read; never escapes it. */
class Stop {
  readonly offset: number;
  readonly problem: StopProblem;
  constructor(offset: number, problem: StopProblem) {
    this.offset = offset;
    this.problem = problem;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

export function position(input: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = input.indexOf('\n'); i !== -1 && i < offset; i = input.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** A short, printable rendering of the character found where something else was expected. */
function found(input: string, offset: number): string {
  if (offset >= input.length) return 'the end';
  const char = input.codePointAt(offset) ?? 0;
  return char < 0x20 || char === 0x7f || (char >= 0x200b && char <= 0x206f)
    ? `U+${char.toString(16).padStart(4, '0').toUpperCase()}`
    : String.fromCodePoint(char);
}

export function readJsonDocuments(raw: string): JsonDocuments {
  const problems: JsonProblem[] = [];
  if (raw.length > JSON_LIMITS.input)
    return { documents: [], problems: [{ kind: 'too-large', limit: JSON_LIMITS.input, size: raw.length }] };
  const input = raw.replace(/^\uFEFF/, '');
  let at = 0;
  let cutAt: number | undefined;

  const skipSpace = () => {
    while (at < input.length && ' \t\n\r'.includes(input[at] as string)) at += 1;
  };
  const fail = (expected: SyntaxExpectation, offset = at): never => {
    throw new Stop(offset, { kind: 'syntax', expected });
  };
  const expect = (char: string, expected: SyntaxExpectation) => {
    skipSpace();
    if (input[at] !== char) fail(expected);
    at += 1;
  };
  /** A member or element past the limit is read (to find the end) but dropped. */
  const keep = (count: number): boolean => {
    if (count < JSON_LIMITS.items) return true;
    cutAt ??= at;
    return false;
  };

  function string(): string {
    const start = at;
    at += 1;
    let escaped = false;
    for (;;) {
      const char = input.charCodeAt(at);
      if (at >= input.length) fail('string-end', start);
      if (char === 0x22) break;
      if (char < 0x20) fail('string-end');
      if (char === 0x5c) {
        escaped = true;
        const next = input[at + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(input.slice(at + 2, at + 6))) fail('escape', at);
          at += 6;
        } else if ('"\\/bfnrt'.includes(next) && next) at += 2;
        else fail('escape', at);
      } else at += 1;
    }
    at += 1;
    const body = input.slice(start, at);
    // The escapes were checked above, so JSON.parse of this one string cannot fail.
    return escaped ? (JSON.parse(body) as string) : body.slice(1, -1);
  }

  function value(depth: number): unknown {
    skipSpace();
    const char = input[at];
    if (char === '{' || char === '[') {
      if (depth >= JSON_LIMITS.depth) throw new Stop(at, { kind: 'too-deep', limit: JSON_LIMITS.depth });
      at += 1;
      return char === '{' ? object(depth + 1) : array(depth + 1);
    }
    if (char === '"') return string();
    for (const [word, literal] of LITERALS) {
      if (input.startsWith(word, at)) {
        at += word.length;
        return literal;
      }
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(input);
    if (!number) return fail('value');
    at += number[0].length;
    return Number(number[0]);
  }

  function array(depth: number): unknown[] {
    const items: unknown[] = [];
    skipSpace();
    if (input[at] === ']') {
      at += 1;
      return items;
    }
    for (;;) {
      const item = value(depth);
      if (keep(items.length)) items.push(item);
      skipSpace();
      if (input[at] === ']') break;
      expect(',', 'comma-or-bracket');
    }
    at += 1;
    return items;
  }

  function object(depth: number): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    let count = 0;
    skipSpace();
    if (input[at] === '}') {
      at += 1;
      return record;
    }
    for (;;) {
      skipSpace();
      if (input[at] !== '"') fail('key');
      const key = string();
      expect(':', 'colon');
      const member = value(depth);
      // defineProperty, not assignment: a key "__proto__" stays an own property, as with JSON.parse.
      if (keep(count)) Object.defineProperty(record, key, { value: member, enumerable: true, writable: true, configurable: true });
      count += 1;
      skipSpace();
      if (input[at] === '}') break;
      expect(',', 'comma-or-brace');
    }
    at += 1;
    return record;
  }

  const documents: JsonDocument[] = [];
  for (skipSpace(); at < input.length; skipSpace()) {
    const start = at;
    if (documents.length >= JSON_LIMITS.documents) {
      problems.push({ kind: 'too-many-documents', limit: JSON_LIMITS.documents, ...position(input, start) });
      break;
    }
    cutAt = undefined;
    try {
      if (!'{["-0123456789tfn'.includes(input[at] as string)) fail('document');
      const parsed = value(0);
      documents.push({ value: parsed, ...position(input, start) });
      if (cutAt !== undefined) problems.push({ kind: 'too-many-items', limit: JSON_LIMITS.items, ...position(input, cutAt) });
    } catch (caught) {
      // Only Stop is thrown above; anything else is reported where reading stood, never rethrown.
      const error = caught instanceof Stop ? caught : new Stop(at, { kind: 'syntax', expected: 'value' });
      const where = position(input, error.offset);
      problems.push(
        error.problem.kind === 'syntax'
          ? { ...error.problem, found: found(input, error.offset), ...where }
          : { ...error.problem, ...where },
      );
      // Resume at the next line that starts a document, or stop.
      const next = /\n[ \t]*[[{]/g;
      next.lastIndex = Math.max(error.offset, start + 1);
      const resume = next.exec(input);
      if (!resume) break;
      at = resume.index + 1;
    }
  }
  return { documents, problems };
}
