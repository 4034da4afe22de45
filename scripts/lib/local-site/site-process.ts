/**
 * Starts one build of the site on this machine, either target, with the gate's variables:
 * - workers: `dist/` under `wrangler dev`, through a config of its own (local-wrangler-config.ts);
 * - pages: `dist-pages/` through `npm run preview:pages -- --port … --binding KEY=VALUE`, exactly
 *   as the README tells a reader to run it.
 * Collects the output (the gate's log lines are checked) and stops the whole process group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLocalWranglerConfig } from '../../local-wrangler-config.ts';
import { freePort } from './free-port.ts';
import { spawnWranglerDev, waitForServer } from './wrangler-process.ts';

/** The two builds the site can run as (README, "Workers or Pages?"). */
export type DeployTarget = 'workers' | 'pages';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface SiteProcess {
  baseUrl: string;
  logs(): string;
  stop(): Promise<void>;
}

export interface SiteProcessOptions {
  target: DeployTarget;
  /** Used in the Worker config's file name, so two runs never share one. */
  name: string;
  /** Default: a port the OS hands out (free-port.ts). The bench and audit tools pass their own. */
  port?: number | undefined;
  /**
   * Each instance gets its own inspector port: instances started at the same moment otherwise
   * race for the same free one and the loser shuts down. Default: one the OS hands out.
   */
  inspectorPort?: number | undefined;
  /** The gate's variables. Objects are sent as `vars` objects (Workers) or JSON text (Pages). */
  vars: Record<string, unknown>;
}

function spawnPagesDev(port: number, inspectorPort: number, vars: Record<string, unknown>): ChildProcess {
  const bindings = Object.entries(vars).flatMap(([name, value]) => [
    '--binding',
    `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
  ]);
  return spawn(
    'npm',
    ['run', '--silent', 'preview:pages', '--', '--port', String(port), '--inspector-port', String(inspectorPort), ...bindings],
    {
      cwd: ROOT,
      stdio: 'pipe',
      // Its own process group: npm, node and wrangler are stopped together.
      detached: true,
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
    },
  );
}

function stopGroup(child: ChildProcess, detached: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const signal = (name: NodeJS.Signals) => {
    try {
      if (detached && child.pid) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // already gone
    }
  };
  return new Promise((resolve) => {
    const force = setTimeout(() => signal('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    signal('SIGTERM');
  });
}

export async function startSiteProcess(options: SiteProcessOptions): Promise<SiteProcess> {
  const port = options.port ?? (await freePort());
  const inspectorPort = options.inspectorPort ?? (await freePort());
  const pages = options.target === 'pages';
  let child: ChildProcess;
  if (pages) {
    child = spawnPagesDev(port, inspectorPort, options.vars);
  } else {
    // Not in dist/server, which `wrangler dev` watches (local-wrangler-config.ts says why).
    const target = join(ROOT, '.wrangler', 'local-site', `wrangler.${options.name}.json`);
    // Objects on purpose: wrangler.jsonc `vars` deliver objects, `--var` delivers strings; the
    // Pages target and the unit tests cover the string form.
    const config = writeLocalWranglerConfig(options.vars, { target, replaceVars: true });
    child = spawnWranglerDev(config, port, inspectorPort);
  }
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child, pages);
  try {
    await Promise.race([
      waitForServer(`${baseUrl}/`, 110_000),
      new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`${options.target} server exited (${code})`)))),
    ]);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.slice(-4000)}`, { cause: error });
  }
  return { baseUrl, logs: () => output, stop };
}
