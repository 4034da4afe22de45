/**
 * A demo page's MDX without one of the sections every demo page has fails when it is compiled (so
 * the build fails), naming the file and the missing heading. The fixtures sit in a folder named
 * content/demos, where the rule applies, outside the site's own collections.
 */
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { rehypeRequiredSections } from '../../src/markdown/rehype-required-sections.ts';
import { REQUIRED_DEMO_SECTIONS } from '../../src/schemas/demo.ts';

const rule = rehypeRequiredSections({ appliesTo: (path) => path.includes('/demos/'), sections: ['How this works', 'Sources'] });
const tree = (html: string): Root => fromHtml(html, { fragment: true });

describe('required sections of a demo page', () => {
  it('fails the compile of a demo MDX file that lacks some, naming the file and each missing heading', async () => {
    const error = await import('../fixtures/content/demos/missing-sections.mdx').then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toContain(
      'tests/fixtures/content/demos/missing-sections.mdx lacks the sections "## Troubleshooting", "## Sources"',
    );
  });

  it('compiles a demo MDX file that has every one', async () => {
    const module = await import('../fixtures/content/demos/fixture-demo.mdx');
    expect(typeof module.default).toBe('function');
    const headings = (module.getHeadings() as { depth: number; text: string }[])
      .filter((h) => h.depth === 2)
      .map((h) => h.text.toLowerCase());
    for (const section of REQUIRED_DEMO_SECTIONS) expect(headings).toContain(section.toLowerCase());
  });

  it('matches headings whatever their letter case and spacing', () => {
    const file = new VFile({ path: '/site/content/demos/x.mdx', cwd: '/site' });
    expect(() => rule(tree('<h2>How  THIS works</h2><h2> Sources </h2>'), file)).not.toThrow();
  });

  it('names one missing heading, with the list the file needs as the hint', () => {
    const file = new VFile({ path: '/site/content/demos/x.mdx', cwd: '/site' });
    let error: (Error & { hint?: string }) | undefined;
    try {
      rule(tree('<h2>How this works</h2><h3>Sources</h3>'), file);
    } catch (caught) {
      error = caught as Error & { hint?: string };
    }
    expect(error?.message).toBe('content/demos/x.mdx lacks the section "## Sources".');
    expect(error?.hint).toBe('Every file here needs these ## headings: How this works, Sources.');
  });

  it('leaves files it does not apply to alone', () => {
    const file = new VFile({ path: '/site/content/guides/x.mdx', cwd: '/site' });
    expect(() => rule(tree('<p>no sections</p>'), file)).not.toThrow();
  });
});
