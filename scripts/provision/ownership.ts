/**
 * How the tool tells its own objects from a reader's: of the objects that carry one of its names,
 * the one with its marker (or link) is its own; failing that, the first is someone else's, a
 * conflict, unless the reader said --adopt. The same rule for every kind of object, on both sides.
 */

/** One object found by name: `owned` when it is the tool's (or adopted with --adopt). */
export interface Found<T> {
  found: T | undefined;
  owned: boolean;
}

/** Of several same-named objects: the tool's own, else the first (a conflict unless --adopt), else nothing. */
export function pick<T>(items: readonly T[], owned: (item: T) => boolean, adopt: boolean): Found<T> {
  const mine = items.find(owned);
  if (mine) return { found: mine, owned: true };
  return { found: items[0], owned: adopt && items[0] !== undefined };
}

/** What a Cloudflare conflict's note tells the reader to do. */
export const CLOUDFLARE_CONFLICT_HINT =
  'Rename it in the Cloudflare dashboard so the tool creates its own, or run again with --adopt to let the tool take it over (it then writes its settings into it).';
