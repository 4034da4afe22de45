/**
 * Everything that shapes a rendered diagram besides its source. Part of the cache key: change a
 * value here and every diagram is rendered again on the next build (which then needs a browser).
 */
export const RENDER_SETTINGS = {
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  light: { theme: 'default' },
  dark: { theme: 'dark' },
  revision: 1,
} as const;

/** Chromium flags that work as root on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const chromiumPath = (): string => process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
