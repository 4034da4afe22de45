/** Summary statistics for repeated measurements (bench and audit report medians). */

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('no values to summarise');
  return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]): number {
  const s = sorted(values);
  const middle = Math.floor(s.length / 2);
  return s.length % 2 ? (s[middle] as number) : ((s[middle - 1] as number) + (s[middle] as number)) / 2;
}

/** Nearest-rank percentile: a value that was actually measured, no interpolation. */
export function percentile(values: readonly number[], p: number): number {
  const s = sorted(values);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}
