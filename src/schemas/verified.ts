/**
 * `verified`: the day a page was last checked line by line against the documentation it cites.
 * Written `verified: 2026-11-30`. YAML reads an unquoted day as a Date (a YAML timestamp), a
 * quoted one as a string; both are accepted, anything else fails the build naming the field.
 */
import { z } from 'astro/zod';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const MESSAGE = 'verified must be the day the page was checked, written YYYY-MM-DD (e.g. 2026-11-30)';

export const verifiedSchema = z
  .union([z.date({ error: MESSAGE }), z.string({ error: MESSAGE }).regex(ISO_DAY, MESSAGE)], { error: MESSAGE })
  .transform((value) => (typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value))
  .refine((day) => !Number.isNaN(day.getTime()), MESSAGE);

/**
 * Whose documentation a configuration page was checked against, as its "Checked against …" line
 * names them. A page with this field is a configuration page: it shows that line and must end in
 * a Sources section (the content lint checks).
 */
export const checkedAgainstSchema = z.array(z.string().trim().min(1)).min(1);

/** The publishers a demo page is checked against unless its frontmatter names others. */
export const DEMO_CHECKED_AGAINST = ['Cloudflare', 'Microsoft'];
