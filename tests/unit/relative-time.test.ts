/**
 * The card writes relative times without Intl (its first use costs tens of milliseconds of
 * main thread). Node's full ICU is the oracle: every phrase must match what
 * Intl.RelativeTimeFormat('en', { numeric: 'auto' }) says for the same unit and count.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNITS, relativeTime } from '../../src/identity/relative-time.ts';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const intl = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
/** Intl's wording for the unit and count relativeTime chose (the choice itself is checked above). */
function oracle(deltaSeconds: number): string {
  const [unit, size] = UNITS.find(([, s]) => Math.abs(deltaSeconds) >= s) ?? (['second', 1] as const);
  return intl.format(Math.round(deltaSeconds / size), unit);
}

describe('relativeTime', () => {
  it.each([
    [0, 'now'],
    [-30, '30 seconds ago'],
    [-60, '1 minute ago'],
    [-5 * 60, '5 minutes ago'],
    [-3 * 3600, '3 hours ago'],
    [-86_400, 'yesterday'],
    [-2 * 86_400, '2 days ago'],
    [-40 * 86_400, 'last month'],
    [-400 * 86_400, 'last year'],
    [-3 * 365 * 86_400, '3 years ago'],
    [90, 'in 2 minutes'],
    [86_400, 'tomorrow'],
  ])('%i s from now reads "%s"', (delta, phrase) => {
    expect(relativeTime(NOW / 1000 + delta, NOW)).toBe(phrase);
  });

  it('says what Intl.RelativeTimeFormat says, for any time within a century', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100 * 31_536_000, max: 100 * 31_536_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (whole, fraction) => {
          const delta = whole + fraction;
          expect(relativeTime(NOW / 1000 + delta, NOW)).toBe(oracle(delta));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
