/** Frontmatter of a guide (`content/guides/<id>.mdx`). */
import { z } from 'astro/zod';

export const guideSchema = z
  .object({
    title: z.string().trim().min(1),
    description: z.string().trim().min(1).max(200),
    order: z.number().int().nonnegative(),
  })
  .strict();

export type GuideFrontmatter = z.infer<typeof guideSchema>;
