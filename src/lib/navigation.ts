/**
 * The site's pages in reading order, grouped as the sidebar shows them: the live demos (gated),
 * the public guides (each demo's setup guide first, then the shared guides), then the tools.
 * Previous/next links follow the same order.
 */
import { publicGuides } from './public-guides.ts';
import { TOOL_PAGES } from './tool-pages.ts';
import { guidePath } from './site.ts';

export interface NavItem {
  title: string;
  href: string;
  kind: 'demo' | 'guide' | 'tool';
}

export interface NavGroup {
  label: 'Demos' | 'Guides' | 'Tools';
  items: NavItem[];
}

/** Route files in src/pages, read at build time (no module is loaded). */
const pageFiles = Object.keys(import.meta.glob('../pages/**/*.{astro,md,mdx}'));

/** Whether a static route file answers this path (`/inspect/` → pages/inspect.astro or inspect/index.astro). */
export function hasPageFile(href: string, files: readonly string[] = pageFiles): boolean {
  const route = href.replace(/^\/|\/$/g, '');
  return files.some((file) => {
    const path = file
      .replace(/^\.\.\/pages\//, '')
      .replace(/\.(astro|md|mdx)$/, '')
      .replace(/(^|\/)index$/, '');
    return path === route;
  });
}

export async function siteNavigation(): Promise<NavGroup[]> {
  const guides = await publicGuides();
  const demos = guides.flatMap((entry) => (entry.kind === 'demo' ? [entry.demo] : []));
  const guideItems = guides.map((entry): NavItem => ({ title: entry.title, href: guidePath(entry.name), kind: 'guide' }));
  const toolHrefs = new Set(TOOL_PAGES.map((tool) => tool.href));
  const tools = TOOL_PAGES.filter((tool) => guideItems.some((item) => item.href === tool.href) || hasPageFile(tool.href)).map(
    (tool): NavItem => ({ ...tool, kind: 'tool' }),
  );
  const groups: NavGroup[] = [
    {
      label: 'Demos',
      items: demos.map((d): NavItem => ({ title: `${d.data.protocol}: ${d.data.title}`, href: `/${d.data.slug}/`, kind: 'demo' })),
    },
    { label: 'Guides', items: guideItems.filter((item) => !toolHrefs.has(item.href)) },
    { label: 'Tools', items: tools },
  ];
  return groups.filter((group) => group.items.length > 0);
}

export async function neighbours(href: string): Promise<{ previous?: NavItem; next?: NavItem }> {
  const order = (await siteNavigation()).flatMap((group) => group.items);
  const index = order.findIndex((item) => item.href === href);
  if (index < 0) return {};
  const result: { previous?: NavItem; next?: NavItem } = {};
  const previous = order[index - 1];
  const next = order[index + 1];
  if (previous) result.previous = previous;
  if (next) result.next = next;
  return result;
}
