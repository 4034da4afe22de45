/**
 * Wall-clock time of `astro build`, cold and warm.
 * - cold: an empty diagram cache (DIAGRAM_CACHE_DIR, a fresh temp folder) and no .astro/ or
 *   node_modules/.vite, so every diagram is rendered in Chromium and nothing is reused;
 * - warm: the committed diagram cache and whatever the previous build left, as a developer's
 *   second build or CI after a clone. CHROMIUM_PATH=/nonexistent: a diagram missing from the
 *   cache would fail the build, so a warm build that succeeds launched no browser.
 * Wall clock is what a developer waits, but on a shared machine it swings with other work, so
 * CPU time (user + sys of the build and every process it started and waited for) is recorded
 * too: it stays steady while wall clock doubles.
 * Both run with CLOUDFLARE_CF_FETCH_ENABLED=false: the adapter otherwise tries to download
 * Request.cf data from the internet while prerendering, which would time this machine's DNS.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../lib/local-site/site-pages.ts';

export interface BuildRun {
  kind: 'cold' | 'warm';
  seconds: number;
  cpuSeconds: number;
  /** Diagrams rendered into the temp cache (cold runs); proves the browser did the work. */
  rendered?: number;
}

/** Astro's CLI entry, run with this Node (24): the shell's `node` may be an older one. */
function astroCli(): string {
  const require = createRequire(join(PROJECT_ROOT, 'package.json'));
  const manifest = require('astro/package.json') as { bin: Record<string, string> };
  return join(PROJECT_ROOT, 'node_modules', 'astro', manifest.bin['astro'] as string);
}

/**
 * CPU seconds of this process's finished children, waited for (Linux: /proc/self/stat cutime
 * and cstime, which include their own waited-for descendants), in USER_HZ ticks of 1/100 s.
 */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** `overrides` set variables, or remove them when undefined. */
function timedBuild(overrides: Record<string, string | undefined>): Promise<{ seconds: number; cpuSeconds: number }> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_SEND_METRICS: 'false',
    ...overrides,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const cpuBefore = childCpuSeconds();
    const child = spawn(process.execPath, [astroCli(), 'build'], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code === 0) resolve({ seconds, cpuSeconds: childCpuSeconds() - cpuBefore });
      else reject(new Error(`astro build failed (exit ${code}):\n${output.slice(-4000)}`));
    });
  });
}

function removeBuildCaches(): void {
  for (const folder of ['.astro', join('node_modules', '.vite'), 'dist']) {
    rmSync(join(PROJECT_ROOT, folder), { recursive: true, force: true });
  }
}

export async function coldBuild(): Promise<BuildRun> {
  removeBuildCaches();
  const cacheDir = mkdtempSync(join(tmpdir(), 'bench-diagrams-'));
  try {
    // CHROMIUM_PATH unset: the default /usr/bin/chromium renders every diagram.
    const time = await timedBuild({ DIAGRAM_CACHE_DIR: cacheDir, CHROMIUM_PATH: undefined });
    const rendered = readdirSync(cacheDir).filter((name) => name.endsWith('.json')).length;
    return { kind: 'cold', ...time, rendered };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

export async function warmBuild(): Promise<BuildRun> {
  return { kind: 'warm', ...(await timedBuild({ DIAGRAM_CACHE_DIR: undefined, CHROMIUM_PATH: '/nonexistent' })) };
}
