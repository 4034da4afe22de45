/** Starting the production build under `wrangler dev` (workerd) from tests and scripts. */
import { spawn, type ChildProcess } from 'node:child_process';

/** `inspectorPort`: each instance needs its own (site-process.ts says why and picks it). */
export function spawnWranglerDev(configPath: string, port: number, inspectorPort: number): ChildProcess {
  const args = [
    'dev',
    '-c',
    configPath,
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--log-level',
    'warn',
  ];
  return spawn('wrangler', args, {
    stdio: 'pipe',
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  });
}

/** Resolves once the URL answers at all (any status), or rejects after the timeout. */
export async function waitForServer(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
