/**
 * "3 minutes ago", "in 2 hours", "yesterday": how long ago Access issued the session.
 *
 * Written out in English rather than with Intl.RelativeTimeFormat: the first Intl formatter a
 * page creates loads ICU's locale data, which measured 45-55 ms of main-thread time in Debian
 * Chromium (more on a phone), all of it inside the card's first render. The site is English
 * only, and these few phrases are all the card needs. Wording follows RelativeTimeFormat's
 * `numeric: 'auto'` for English.
 */
/** Largest first: a time is told in the first unit it spans at least one of. */
export const UNITS = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const satisfies readonly [unit: Intl.RelativeTimeFormatUnit, seconds: number][];

/** The words English uses instead of "1 day ago" and the like. */
const NAMED: Record<string, [past: string, future: string]> = {
  year: ['last year', 'next year'],
  month: ['last month', 'next month'],
  day: ['yesterday', 'tomorrow'],
};

export function relativeTime(epochSeconds: number, nowMs: number): string {
  const delta = epochSeconds - nowMs / 1000;
  const [unit, size] = UNITS.find(([, seconds]) => Math.abs(delta) >= seconds) ?? (['second', 1] as const);
  const count = Math.round(delta / size);
  if (count === 0) return 'now';
  const named = NAMED[unit];
  if (named && Math.abs(count) === 1) return count < 0 ? named[0] : named[1];
  const amount = `${Math.abs(count)} ${unit}${Math.abs(count) === 1 ? '' : 's'}`;
  return count < 0 ? `${amount} ago` : `in ${amount}`;
}
