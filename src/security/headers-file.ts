/**
 * Writes the `_headers` file for Workers static assets from the shared header definition, so
 * prerendered pages and assets get exactly the headers the Worker sets on what it renders.
 */
import type { AstroIntegration } from 'astro';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { IMMUTABLE_ASSET_PATH, IMMUTABLE_CACHE_CONTROL, SECURITY_HEADERS } from './security-headers.ts';

export function headersFileContent(): string {
  const all = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
  return [`/*`, ...all, '', IMMUTABLE_ASSET_PATH, `  Cache-Control: ${IMMUTABLE_CACHE_CONTROL}`, ''].join('\n');
}

export function securityHeadersFile(): AstroIntegration {
  return {
    name: 'barbican:security-headers-file',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const target = fileURLToPath(new URL('_headers', dir));
        await writeFile(target, headersFileContent());
        logger.info(`wrote ${target}`);
      },
    },
  };
}
