/** The demos collection in display order, looked up by the slug in each file's frontmatter. */
import { getCollection, type CollectionEntry } from 'astro:content';
import { orderDemos } from './order-demos.ts';

export type Demo = CollectionEntry<'demos'>;

export async function allDemos(): Promise<Demo[]> {
  return orderDemos(await getCollection('demos'), (demo) => demo.id);
}

export async function demoBySlug(slug: string): Promise<Demo | undefined> {
  return (await allDemos()).find((demo) => demo.data.slug === slug);
}
