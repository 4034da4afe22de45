/**
 * A policy's match condition as a formula over its rules: include = any, require = all,
 * exclude = none (https://developers.cloudflare.com/cloudflare-one/access-controls/policies/).
 * A rule that cannot be decided is an atom, named by its canonical JSON, so the same rule is the
 * same unknown wherever it appears. Evaluated three-valued (Kleene: an unknown decides nothing
 * the known values do not), or under one assignment of the atoms.
 */

export type Formula = { op: 'value'; value: boolean } | { op: 'atom'; key: string } | { op: 'any' | 'all' | 'none'; of: Formula[] };

export const value = (known: boolean): Formula => ({ op: 'value', value: known });
export const atom = (key: string): Formula => ({ op: 'atom', key });

/** A policy's (or a rule group's) condition from its rules' formulas by list. */
export function condition(rules: { list: string; formula: Formula }[]): Formula {
  const of = (list: string) => rules.filter((rule) => rule.list === list).map((rule) => rule.formula);
  return {
    op: 'all',
    of: [
      { op: 'any', of: of('include') },
      { op: 'all', of: of('require') },
      { op: 'none', of: of('exclude') },
    ],
  };
}

/** The formula's value: `lookup` gives each atom's, undefined for unknown (three-valued). */
export function evaluateFormula(formula: Formula, lookup: (key: string) => boolean | undefined): boolean | undefined {
  switch (formula.op) {
    case 'value':
      return formula.value;
    case 'atom':
      return lookup(formula.key);
    default: {
      let unknown = false;
      // any: one true decides; all and none: one true (in none) or false (in all) decides.
      const decisive = formula.op !== 'all';
      for (const part of formula.of) {
        const result = evaluateFormula(part, lookup);
        if (result === undefined) unknown = true;
        else if (result === decisive) return formula.op === 'any';
      }
      if (unknown) return undefined;
      return formula.op !== 'any';
    }
  }
}

export const kleene = (formula: Formula): boolean | undefined => evaluateFormula(formula, () => undefined);

/** The atoms a formula holds, each once, added to `into`. */
export function atomsOf(formula: Formula, into: Set<string>): Set<string> {
  if (formula.op === 'atom') into.add(formula.key);
  else if (formula.op !== 'value') for (const part of formula.of) atomsOf(part, into);
  return into;
}

export function sizeOf(formula: Formula): number {
  return formula.op === 'value' || formula.op === 'atom' ? 1 : formula.of.reduce((sum, part) => sum + sizeOf(part), 1);
}
