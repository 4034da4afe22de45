import { isoDay } from '../lib/format-day.ts';

/**
 * How old a page's `verified` date may get before the build says so. Cloudflare reorganised its
 * Zero Trust documentation and renamed dashboard menus more than once a year, so a set-up page
 * unchecked for half a year is likely to name a menu or a path that has moved.
 */
export const MAX_VERIFIED_AGE_DAYS = 180;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `verified` to `now` (negative when the date lies in the future). */
export function daysSince(verified: Date, now: Date): number {
  return Math.floor((now.getTime() - verified.getTime()) / DAY_MS);
}

/** A warning for a page last checked more than `maxDays` ago, or undefined. */
export function staleWarning(file: string, verified: Date, now: Date, maxDays = MAX_VERIFIED_AGE_DAYS): string | undefined {
  const age = daysSince(verified, now);
  if (age <= maxDays) return undefined;
  return `${file}: verified ${isoDay(verified)}, ${age} days ago (more than ${maxDays}). Check it against the documentation it cites, then update "verified".`;
}
