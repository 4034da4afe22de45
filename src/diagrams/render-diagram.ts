/**
 * Renders one mermaid source in both colour schemes with a real (headless) browser, which is
 * launched lazily: a build whose diagrams are all cached never gets here.
 */
import { existsSync } from 'node:fs';
import type { MermaidRenderer, RenderResult } from 'mermaid-isomorphic';
import { CHROMIUM_ARGS, chromiumPath } from '../build/chromium.ts';
import { RENDER_SETTINGS } from './render-settings.ts';

let renderer: MermaidRenderer | undefined;

/** The id prefixes of a diagram's two renders: unique per diagram, so many can share a page. */
export function variantIds(key: string): { light: string; dark: string } {
  return { light: `d${key.slice(0, 10)}l`, dark: `d${key.slice(0, 10)}d` };
}

async function getRenderer(): Promise<MermaidRenderer> {
  if (!renderer) {
    const { createMermaidRenderer } = await import('mermaid-isomorphic');
    renderer = createMermaidRenderer({
      launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    });
  }
  return renderer;
}

function noBrowserMessage(filePath: string): string {
  return [
    `Diagram in ${filePath} is new or changed and is not in the diagram cache (src/diagrams/cache/),`,
    `and no browser was found at ${chromiumPath()} to render it.`,
    'Install Chromium (Debian: `apt-get install chromium`) or set CHROMIUM_PATH, then build again',
    'and commit the new files in src/diagrams/cache/.',
  ].join('\n');
}

type Variant = (typeof RENDER_SETTINGS)['light' | 'dark'];

async function renderOne(source: string, prefix: string, variant: Variant, filePath: string): Promise<RenderResult> {
  const [result] = await (
    await getRenderer()
  )([source], {
    prefix,
    mermaidConfig: { theme: variant.theme, themeVariables: variant.themeVariables, fontFamily: RENDER_SETTINGS.fontFamily },
  });
  if (!result || result.status === 'rejected') {
    const reason = result?.status === 'rejected' ? String(result.reason) : 'no result';
    throw new Error(`Mermaid could not render a diagram in ${filePath}:\n${reason}`);
  }
  return result.value;
}

export async function renderDiagramVariants(
  source: string,
  key: string,
  filePath: string,
): Promise<{ light: string; dark: string; title?: string | undefined; description?: string | undefined }> {
  if (!existsSync(chromiumPath())) throw new Error(noBrowserMessage(filePath));
  const ids = variantIds(key);
  let light: RenderResult;
  let dark: RenderResult;
  try {
    light = await renderOne(source, ids.light, RENDER_SETTINGS.light, filePath);
    dark = await renderOne(source, ids.dark, RENDER_SETTINGS.dark, filePath);
  } catch (error) {
    if (error instanceof Error && /Failed to launch|executable/i.test(error.message)) {
      throw new Error(`${noBrowserMessage(filePath)}\n\nBrowser error: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return { light: light.svg, dark: dark.svg, title: light.title, description: light.description };
}
