/**
 * `npm run icons`: renders public/favicon.svg to the PNG icons the pages link (favicon.png,
 * 32 px, and apple-touch-icon.png, 180 px), in Debian's Chromium. Run it after editing the SVG
 * and commit the PNGs.
 *
 * Why PNGs: a browser decodes an SVG icon by building a whole document for it, in the page's
 * renderer. Traced here that was a 40 ms task next to first paint on every page, which
 * Lighthouse counts as blocking time; a PNG decodes in well under a millisecond.
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, chromiumPath } from '../src/build/chromium.ts';

const publicDir = new URL('../public/', import.meta.url);
// iOS draws its own rounded corners and shows transparency as black: the touch icon is opaque.
export const ICONS = [
  { file: 'favicon.png', size: 32, background: 'transparent' },
  { file: 'apple-touch-icon.png', size: 180, background: '#0a58ca' },
] as const;

const svg = readFileSync(new URL('favicon.svg', publicDir), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  for (const { file, size, background } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:${background}}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({ path: new URL(file, publicDir).pathname, omitBackground: background === 'transparent' });
    console.log(`wrote public/${file} (${size}x${size})`);
  }
} finally {
  await browser.close();
}
