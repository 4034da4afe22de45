/**
 * Runs `wrangler pages dev|deploy` on `dist-pages/` from a folder outside the repository, and
 * passes any further arguments through: `npm run preview:pages -- --port 8790 --binding KEY=VALUE`.
 *
 * Why outside: run anywhere under the repository, wrangler picks up the Workers configuration
 * (wrangler.jsonc, which has no `pages_build_output_dir`) and, after a Workers build, the redirect
 * in `.wrangler/deploy/config.json` to the built Worker's config and vars
 * (https://developers.cloudflare.com/workers/wrangler/configuration/#generated-wrangler-configuration).
 * From a folder of its own, the Pages commands work whichever build was made first.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readWranglerConfig } from './lib/wrangler-config.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const output = join(root, 'dist-pages');
const [command, ...rest] = process.argv.slice(2);

if (command !== 'dev' && command !== 'deploy') {
  console.error('usage: node scripts/wrangler-pages.ts dev|deploy [wrangler flags]');
  process.exit(2);
}
if (!existsSync(join(output, '_worker.js'))) {
  console.error('dist-pages/ has no _worker.js: run `npm run build:pages` first.');
  process.exit(1);
}

// Locally, the same compatibility date as the Worker: one runtime behaviour for both targets. (A
// deployed project takes its date from the project's settings: README, "Workers or Pages?".)
const compatibilityDate = readWranglerConfig().compatibility_date;
const has = (flag: string) => rest.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
const devDefaults = [
  ...(compatibilityDate && !has('--compatibility-date') ? ['--compatibility-date', compatibilityDate] : []),
  ...(has('--ip') ? [] : ['--ip', '127.0.0.1']),
  ...(has('--port') ? [] : ['--port', '8788']),
];
const args = ['pages', command, output, ...(command === 'dev' ? devDefaults : []), ...rest];

// One folder per checkout, so its wrangler state (.wrangler/) never mixes with another's.
const cwd = join(tmpdir(), `barbican-pages-${Buffer.from(root).toString('base64url').slice(-24)}`);
mkdirSync(cwd, { recursive: true });

const wrangler = join(root, 'node_modules', '.bin', 'wrangler');
const child = spawn(wrangler, args, {
  cwd,
  stdio: 'inherit',
  env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
