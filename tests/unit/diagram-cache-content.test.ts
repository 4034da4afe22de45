/**
 * The committed diagram cache matches the content: every diagram in an MDX file has its cache
 * entry (so a clean clone builds without a browser), and no entry is stale.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagramKey, readCachedDiagram } from '../../src/diagrams/diagram-cache.ts';
import { diagramSources } from '../../src/diagrams/diagram-sources.ts';

const content = new URL('../../content/', import.meta.url).pathname;
const cache = new URL('../../src/diagrams/cache/', import.meta.url).pathname;
const sources = diagramSources(content);

describe('the committed diagram cache', () => {
  it('finds the diagrams', () => {
    expect(sources.length).toBeGreaterThanOrEqual(5);
  });

  it.each(sources.map((s) => [s.file.replace(content, 'content/'), s.source] as const))(
    'has %s’s diagram, with a title',
    async (_file, source) => {
      const cached = await readCachedDiagram(cache, diagramKey(source));
      expect(cached, 'not cached: run `npm run build` with Chromium and commit src/diagrams/cache/').toBeDefined();
      expect(cached?.title).toMatch(/\S/);
      expect(cached?.light).toMatch(/^<svg/);
      expect(cached?.dark).toMatch(/^<svg/);
    },
  );

  it('holds nothing stale (npm run diagrams:prune)', () => {
    const used = new Set(sources.map(({ source }) => `${diagramKey(source)}.json`));
    expect(readdirSync(cache).filter((name) => !used.has(name))).toEqual([]);
  });
});
