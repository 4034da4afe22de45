/** The Worker's wrangler.jsonc, as the scripts read it: the fields they use. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface WranglerConfig {
  compatibility_date?: string;
  routes?: { pattern?: string; custom_domain?: boolean }[];
  vars?: { ACCESS_AUDIENCES?: unknown };
}

export const WRANGLER_CONFIG = fileURLToPath(new URL('../../wrangler.jsonc', import.meta.url));

/** wrangler.jsonc has comments and trailing commas: TypeScript's JSONC reader takes both. */
export function readWranglerConfig(file = WRANGLER_CONFIG): WranglerConfig {
  const parsed: { config?: unknown; error?: ts.Diagnostic } = ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8'));
  if (parsed.error) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, '\n')}`);
  return parsed.config as WranglerConfig;
}
