/** The reading order of the site: demos by their order, then guides by theirs. */
import { getCollection } from 'astro:content';
import { allDemos } from './demos.ts';

export interface NavItem {
  title: string;
  href: string;
  kind: 'demo' | 'guide';
}

export async function allGuides() {
  return (await getCollection('guides')).sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title));
}

export async function readingOrder(): Promise<NavItem[]> {
  const demos = (await allDemos()).map((d): NavItem => ({ title: `${d.data.protocol}: ${d.data.title}`, href: `/${d.data.slug}/`, kind: 'demo' }));
  const guides = (await allGuides()).map((g): NavItem => ({ title: g.data.title, href: `/guides/${g.id}/`, kind: 'guide' }));
  return [...demos, ...guides];
}

export async function neighbours(href: string): Promise<{ previous?: NavItem; next?: NavItem }> {
  const order = await readingOrder();
  const index = order.findIndex((item) => item.href === href);
  if (index < 0) return {};
  const result: { previous?: NavItem; next?: NavItem } = {};
  const previous = order[index - 1];
  const next = order[index + 1];
  if (previous) result.previous = previous;
  if (next) result.next = next;
  return result;
}
