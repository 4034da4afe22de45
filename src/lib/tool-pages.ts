/**
 * Pages that help whatever demo a reader is on, in the sidebar's Tools group. Each is listed once
 * its page exists (a guide of that name, or a route in src/pages; src/lib/navigation.ts checks),
 * so adding one here is all it takes. Plain data: astro.config.mjs reads it for the sitemap.
 */
export const TOOL_PAGES: readonly { title: string; href: string }[] = [
  { title: 'Identity inspector', href: '/inspect/' },
  { title: 'Troubleshooting', href: '/guides/troubleshooting/' },
];

/**
 * The paths a crawler may list: the home page, the guides (every demo's setup guide among them)
 * and the tools. Demo pages are gated by Access, so a crawler only ever sees Access's sign-in.
 */
export function isPublicPath(pathname: string): boolean {
  const path = pathname.endsWith('/') ? pathname : `${pathname}/`;
  return path === '/' || path.startsWith('/guides/') || TOOL_PAGES.some((tool) => tool.href === path);
}
