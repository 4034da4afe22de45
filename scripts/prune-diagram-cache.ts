/**
 * `npm run diagrams:prune`: deletes cached diagrams that no MDX file uses any more (after a
 * diagram or a render setting changed). Run it, then commit the deletions with the change.
 */
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diagramKey } from '../src/diagrams/diagram-cache.ts';
import { diagramSources } from '../src/diagrams/diagram-sources.ts';

const content = fileURLToPath(new URL('../content/', import.meta.url));
const cache = fileURLToPath(new URL('../src/diagrams/cache/', import.meta.url));

const used = new Set(diagramSources(content).map(({ source }) => `${diagramKey(source)}.json`));
const stale = readdirSync(cache).filter((name) => name.endsWith('.json') && !used.has(name));
for (const name of stale) rmSync(new URL(name, `file://${cache}`));
console.log(`${used.size} diagrams in use; removed ${stale.length} stale cache file(s).`);
