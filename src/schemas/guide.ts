/** Frontmatter of a guide (`content/guides/<id>.mdx`). */
import { z } from 'astro/zod';
import { checkedAgainstSchema, verifiedSchema } from './verified.ts';

export const guideSchema = z
  .object({
    title: z.string().trim().min(1),
    description: z.string().trim().min(1).max(200),
    order: z.number().int().nonnegative(),
    /** The day the page was last checked against the documentation it cites (YYYY-MM-DD). */
    verified: verifiedSchema,
    /**
     * Set on a configuration page: whose documentation it was checked against. Such a guide shows
     * "Checked against … documentation on <date>" and must have a Sources section. A guide about
     * the site itself (the authoring guide) leaves it out and carries only the date.
     */
    checkedAgainst: checkedAgainstSchema.optional(),
  })
  .strict();

export type GuideFrontmatter = z.infer<typeof guideSchema>;
