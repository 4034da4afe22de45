/**
 * Writes `dist/server/wrangler.local.json`: the built Worker's configuration without `routes`.
 *
 * Why: with routes configured, `wrangler dev` rewrites every request's Host to the first route's
 * host, so `scim-a.barbicancloud.co.uk` could not be tested locally. Production deploys keep
 * using the generated `dist/server/wrangler.json` with its routes; this copy is for local runs.
 * Vars (the gate's test configuration) are merged over the built ones, or replace them all.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUILT_CONFIG = fileURLToPath(new URL('../dist/server/wrangler.json', import.meta.url));
export const LOCAL_CONFIG = fileURLToPath(new URL('../dist/server/wrangler.local.json', import.meta.url));

export function writeLocalWranglerConfig(
  vars: Record<string, unknown> = {},
  { target = LOCAL_CONFIG, replaceVars = false }: { target?: string; replaceVars?: boolean } = {},
): string {
  const config = JSON.parse(readFileSync(BUILT_CONFIG, 'utf8')) as Record<string, unknown>;
  delete config['routes'];
  // The build's own paths, made absolute, so the copy works from any folder. Copies for test runs
  // live outside dist/server: `wrangler dev` reloads the Worker when a file there changes, and a
  // run writing its config would restart (and empty the key cache of) another run's Worker.
  const builtDir = dirname(BUILT_CONFIG);
  if (typeof config['main'] === 'string') config['main'] = resolve(builtDir, config['main']);
  const assets = config['assets'] as { directory?: unknown } | undefined;
  if (assets && typeof assets.directory === 'string') assets.directory = resolve(builtDir, assets.directory);
  config['vars'] = replaceVars ? vars : { ...(config['vars'] as Record<string, unknown> | undefined), ...vars };
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(config, null, 2));
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`wrote ${writeLocalWranglerConfig()}`);
}
