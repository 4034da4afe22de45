/**
 * Everything that shapes a rendered diagram besides its source. Part of the cache key: change a
 * value here and every diagram is rendered again on the next build (which then needs a browser).
 */
export const RENDER_SETTINGS = {
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  light: { theme: 'default', themeVariables: {} },
  // Mermaid's dark theme puts edge labels on a mid-grey that fails WCAG AA contrast; use the
  // site's dark surface colour instead.
  dark: { theme: 'dark', themeVariables: { edgeLabelBackground: '#161b22' } },
  // Bumped when what is stored changes: 3 stores svgo's minified output (optimize-svg.ts).
  revision: 3,
} as const;
