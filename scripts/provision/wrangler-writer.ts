/**
 * Points wrangler.jsonc at the reader's tenant and domain: `vars.ACCESS_TEAM_DOMAIN`,
 * `vars.ACCESS_AUDIENCES` (every demo slug → [AUD of the path application, AUD of the subdomain
 * application]) and the custom-domain `routes` (the apex and each demo's subdomain). Edited with
 * jsonc-parser's modify + applyEdits, which change only the values and keep every comment, then
 * laid out by the project's Prettier settings (when Prettier is installed) so `npm run lint`
 * still passes. Nothing secret is ever written here: AUD tags and the team domain are public.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import { WRANGLER_CONFIG } from '../lib/wrangler-config.ts';
import { ProvisionError } from './errors.ts';

export interface Route {
  pattern: string;
  custom_domain: boolean;
}

export interface WranglerTarget {
  teamDomain: string;
  /** slug → [path AUD, subdomain AUD], in demo order. */
  audiences: Record<string, [string, string]>;
  routes: Route[];
}

interface WranglerShape {
  routes?: unknown;
  vars?: { ACCESS_TEAM_DOMAIN?: unknown; ACCESS_AUDIENCES?: unknown };
}

export function readWranglerText(file: string): { text: string; config: WranglerShape } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ProvisionError(
      `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): run the command from the repository.`,
    );
  }
  const errors: ParseError[] = [];
  const config = parse(text, errors, { allowTrailingComma: true }) as WranglerShape;
  if (errors.length > 0 || typeof config !== 'object' || config === null)
    throw new ProvisionError(`${file} is not valid JSONC (offset ${errors[0]?.offset ?? 0}): fix it, then run the command again.`);
  return { text, config };
}

export const routesFor = (domain: string, slugs: readonly string[]): Route[] => [
  { pattern: domain, custom_domain: true },
  ...slugs.map((slug) => ({ pattern: `${slug}.${domain}`, custom_domain: true })),
];

/** What differs between the file and the target, as phrases for the plan ("" when nothing). */
export function wranglerDifferences(config: WranglerShape, target: WranglerTarget): string[] {
  const differences: string[] = [];
  if (config.vars?.ACCESS_TEAM_DOMAIN !== target.teamDomain) differences.push(`ACCESS_TEAM_DOMAIN = ${target.teamDomain}`);
  // Slugs in any order (an edit adds a new one at the end); each slug's two tags in theirs.
  if (!isDeepStrictEqual(config.vars?.ACCESS_AUDIENCES, target.audiences))
    differences.push(`ACCESS_AUDIENCES for ${Object.keys(target.audiences).join(', ')}`);
  if (!isDeepStrictEqual(config.routes, target.routes))
    differences.push(`routes for ${target.routes[0]?.pattern ?? ''} and its demo subdomains`);
  return differences;
}

/**
 * The new text: only the three values change; comments and everything else stay as they were.
 * Values go in compact (`{"pattern":"…"}`), for Prettier to lay out as the rest of the file is.
 */
export function editedWrangler(text: string, config: WranglerShape, target: WranglerTarget): string {
  let out = text;
  const set = (path: (string | number)[], value: unknown) => {
    out = applyEdits(out, modify(out, path, value, {}));
  };
  set(['vars', 'ACCESS_TEAM_DOMAIN'], target.teamDomain);
  const existing = config.vars?.ACCESS_AUDIENCES;
  if (existing && typeof existing === 'object' && !Array.isArray(existing)) {
    for (const slug of Object.keys(existing)) if (!(slug in target.audiences)) set(['vars', 'ACCESS_AUDIENCES', slug], undefined);
    for (const [slug, tags] of Object.entries(target.audiences)) set(['vars', 'ACCESS_AUDIENCES', slug], tags);
  } else set(['vars', 'ACCESS_AUDIENCES'], target.audiences);
  if (!isDeepStrictEqual(config.routes, target.routes)) set(['routes'], target.routes);
  return out;
}

/** Lays the text out as `npm run format` would, if Prettier is installed (it is a devDependency). */
async function prettierLayout(text: string, file: string): Promise<string> {
  let prettier: typeof import('prettier');
  try {
    prettier = await import('prettier');
  } catch {
    return text;
  }
  // A copy outside the repository (a test's) is laid out with the repository's settings.
  const options = (await prettier.resolveConfig(file)) ?? (await prettier.resolveConfig(WRANGLER_CONFIG)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

/** Writes the file, or says why it could not (read-only, a directory in its place, a full disk). */
export function writeWranglerText(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new ProvisionError(
      `Cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): make it writable, then run the same command again; the changes in Cloudflare and Entra are made, and it writes the file from them.`,
    );
  }
}

export async function writeWrangler(file: string, target: WranglerTarget): Promise<void> {
  const { text, config } = readWranglerText(file);
  writeWranglerText(file, await prettierLayout(editedWrangler(text, config, target), file));
}
