/**
 * Pages that help whatever demo a reader is on, in the sidebar's Tools group. Each is listed once
 * its page exists (a guide of that name, or a route in src/pages; src/lib/navigation.ts checks),
 * so adding one here is all it takes. Plain data: astro.config.mjs reads it for the sitemap.
 */
import { PATHS } from './site.ts';

export const TOOL_PAGES: readonly { title: string; href: string }[] = [
  { title: 'Identity inspector', href: PATHS.inspector },
  { title: 'Troubleshooting', href: PATHS.troubleshooting },
];

/** Public pages outside the sidebar: the list of every page and section that search falls back to. */
const OTHER_PUBLIC_PAGES: readonly string[] = [PATHS.search];

/**
 * The paths a crawler may list: the home page, the guides (every demo's setup guide among them),
 * the tools and the search page. Demo pages are gated by Access, so a crawler only ever sees
 * Access's sign-in.
 */
export function isPublicPath(pathname: string): boolean {
  const path = pathname.endsWith('/') ? pathname : `${pathname}/`;
  return (
    path === PATHS.home ||
    path.startsWith(PATHS.guides) ||
    TOOL_PAGES.some((tool) => tool.href === path) ||
    OTHER_PUBLIC_PAGES.includes(path)
  );
}
