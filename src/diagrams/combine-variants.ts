/**
 * One SVG for both colour schemes, where possible. Mermaid's light and dark renders of a diagram
 * share their geometry and differ in their stylesheet, the colour of drop shadows and, for dark
 * flowcharts, a trailing gradient the dark stylesheet uses. So the page can carry the light
 * drawing once, plus that gradient, with the dark stylesheet under
 * `@media (prefers-color-scheme: dark)`: about half the bytes of inlining both drawings. When
 * the renders differ in anything else, this returns undefined and both are inlined.
 */
const STYLE = /<style>([\s\S]*?)<\/style>/;
const FLOOD = /flood-color="[^"]*"/g;
const ONLY_GRADIENTS = /^(?:<linearGradient\b[\s\S]*?<\/linearGradient>)*$/;
const PLACEHOLDER = '#ID#';
/** svgo stores a stylesheet with `>` in it as CDATA (optimize-svg.ts); the CSS is what is inside. */
const css = (text: string) => text.replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1');
/** The merged stylesheet as one section, so svgo minifies all of it, dark rules included. */
const stylesheet = (text: string) => (/[<>]/.test(text) ? `<![CDATA[${text}]]>` : text);

function drawing(svg: string, id: string): string {
  return svg.replace(STYLE, '').replaceAll(id, PLACEHOLDER).replace(FLOOD, 'flood-color=""');
}

/** `lightId`/`darkId`: the id prefixes the two renders were given (render-diagram.ts). */
export function combineVariants(light: string, dark: string, lightId: string, darkId: string): string | undefined {
  const lightDrawing = drawing(light, lightId).replace(/<\/svg>$/, '');
  const darkDrawing = drawing(dark, darkId);
  if (!darkDrawing.startsWith(lightDrawing) || !darkDrawing.endsWith('</svg>')) return undefined;
  const extra = darkDrawing.slice(lightDrawing.length, -'</svg>'.length);
  if (!ONLY_GRADIENTS.test(extra)) return undefined;
  const darkStyle = dark.match(STYLE)?.[1];
  const darkCss = darkStyle === undefined ? undefined : css(darkStyle);
  if (darkCss === undefined || !STYLE.test(light)) return undefined;
  const shadow = dark.match(FLOOD)?.[0]?.slice('flood-color="'.length, -1);
  const shadowCss = shadow ? `#${lightId}-0 feDropShadow{flood-color:${shadow}}` : '';
  const media = `@media (prefers-color-scheme:dark){${darkCss.replaceAll(darkId, lightId)}${shadowCss}}`;
  return light
    .replace(STYLE, (_match, lightStyle: string) => `<style>${stylesheet(`${css(lightStyle)}${media}`)}</style>`)
    .replace(/<\/svg>$/, `${extra.replaceAll(PLACEHOLDER, lightId)}</svg>`);
}
