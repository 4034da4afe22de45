import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { demoSchema } from './schemas/demo.ts';
import { guideSchema } from './schemas/guide.ts';

// Only .mdx: a mermaid diagram that fails to render in a .md collection entry is merely logged
// and ships an empty article, while in .mdx it fails the build (see the README's diagram notes).
const demos = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/demos' }),
  schema: demoSchema,
});

const guides = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/guides' }),
  schema: guideSchema,
});

export const collections = { demos, guides };
