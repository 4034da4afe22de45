/**
 * A calendar day as "30 November 2026" (UTC, English month names), without Intl: the same text
 * on every machine that builds the site, whatever its locale data.
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatDay(day: Date): string {
  return `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/** The same day as YYYY-MM-DD: a `<time datetime>` attribute, the build's stale-page warning. */
export function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** "Cloudflare", "Cloudflare and Microsoft", "Cloudflare, Microsoft and Astro". */
export function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
