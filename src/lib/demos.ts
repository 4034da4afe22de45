/** The demos collection in display order, looked up by the slug in each file's frontmatter. */
import { getCollection, type CollectionEntry } from 'astro:content';

export type Demo = CollectionEntry<'demos'>;

export async function allDemos(): Promise<Demo[]> {
  const demos = await getCollection('demos');
  const seen = new Map<string, string>();
  for (const demo of demos) {
    const other = seen.get(demo.data.slug);
    if (other) throw new Error(`Demo slug "${demo.data.slug}" is used by both ${other} and ${demo.id}; slugs must be unique.`);
    seen.set(demo.data.slug, demo.id);
  }
  return demos.sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title));
}

export async function demoBySlug(slug: string): Promise<Demo | undefined> {
  return (await allDemos()).find((demo) => demo.data.slug === slug);
}
