/**
 * The content lint: `npm run lint:content` (part of `npm test`). Checks every MDX file under
 * content/ against the rules in scripts/content-lint/rules/, and the README against the rules
 * about claims (it repeats the Access steps), and prints each finding as
 * `file:line: message [rule]`, so an editor can jump to it. Exit code 1 when anything is found.
 *
 * Usage: node scripts/lint-content.ts [project root, default: this repository]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { mdxFiles } from '../src/lib/mdx-files.ts';
import { lintPage } from './content-lint/lint-page.ts';

const root = resolve(process.argv[2] ?? new URL('..', import.meta.url).pathname);
const readme = existsSync(join(root, 'README.md')) ? ['README.md'] : [];
const files = [...mdxFiles(join(root, 'content')).map((file) => relative(root, file)), ...readme];

let problems = 0;
for (const file of files) {
  for (const finding of lintPage(file, readFileSync(join(root, file), 'utf8'))) {
    console.error(`${file}:${finding.line}: ${finding.message} [${finding.rule}]`);
    problems += 1;
  }
}

if (problems > 0) {
  console.error(`content lint: ${problems} problem(s) in ${files.length} file(s)`);
  process.exitCode = 1;
} else {
  console.log(`content lint: ${files.length} file(s), no problems`);
}
