/**
 * The demos in display order (by `order`, then title), refusing two with one slug. Pure and free
 * of `astro:content`, so the site's pages (src/lib/demos.ts) and the build's site manifest
 * (src/build/site-manifest.ts) put the same demos in the same order.
 */
import type { DemoFrontmatter } from '../schemas/demo.ts';

type Orderable = { data: Pick<DemoFrontmatter, 'slug' | 'order' | 'title'> };

/** `nameOf` names a demo's file in the error, e.g. the collection entry's id. */
export function orderDemos<T extends Orderable>(demos: readonly T[], nameOf: (demo: T) => string): T[] {
  const seen = new Map<string, string>();
  for (const demo of demos) {
    const other = seen.get(demo.data.slug);
    if (other) throw new Error(`Demo slug "${demo.data.slug}" is used by both ${other} and ${nameOf(demo)}; slugs must be unique.`);
    seen.set(demo.data.slug, nameOf(demo));
  }
  return [...demos].sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title));
}
