/**
 * Runs `npm run provision`'s main() against the two API fakes, with a temporary copy of
 * wrangler.jsonc, and collects what it printed. The environment is only what the tool reads.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/provision/main.ts';
import { WRANGLER_CONFIG } from '../../scripts/lib/wrangler-config.ts';
import {
  FAKE_ACCOUNT_ID,
  FAKE_CLOUDFLARE_TOKEN,
  startFakeCloudflare,
  type CloudflareFake,
  type CloudflareFakeOptions,
} from '../fakes/cloudflare-api.ts';
import { FAKE_GRAPH_TOKEN, startFakeGraph, type GraphFake, type GraphFakeOptions } from '../fakes/graph-api.ts';

export const DOMAIN = 'demo.example.net';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Harness {
  cloudflare: CloudflareFake;
  graph: GraphFake;
  wranglerFile: string;
  env: NodeJS.ProcessEnv;
  /** Runs the CLI's main() with these arguments (`--domain` added unless given). */
  run(
    args: string[],
    options?: {
      interactive?: boolean;
      confirm?: (question: string) => Promise<boolean>;
      root?: string;
      now?: Date;
      env?: NodeJS.ProcessEnv;
    },
  ): Promise<Run>;
  wrangler(): string;
  close(): Promise<void>;
}

export async function startHarness(options: { cloudflare?: CloudflareFakeOptions; graph?: GraphFakeOptions } = {}): Promise<Harness> {
  const cloudflare = await startFakeCloudflare(options.cloudflare);
  const graph = await startFakeGraph(options.graph);
  const dir = mkdtempSync(join(tmpdir(), 'provision-'));
  const wranglerFile = join(dir, 'wrangler.jsonc');
  copyFileSync(WRANGLER_CONFIG, wranglerFile);
  const env: NodeJS.ProcessEnv = {
    CLOUDFLARE_API_TOKEN: FAKE_CLOUDFLARE_TOKEN,
    CLOUDFLARE_ACCOUNT_ID: FAKE_ACCOUNT_ID,
    CLOUDFLARE_BASE_URL: cloudflare.url,
    MS_GRAPH_TOKEN: FAKE_GRAPH_TOKEN,
    MS_GRAPH_BASE_URL: graph.url,
  };
  return {
    cloudflare,
    graph,
    wranglerFile,
    env,
    async run(args, { interactive = false, confirm, root, now, env: extraEnv } = {}) {
      let stdout = '';
      let stderr = '';
      const argv = args.some((arg) => arg.startsWith('--domain')) ? args : [...args, '--domain', DOMAIN];
      const code = await main({
        argv,
        env: { ...env, ...extraEnv },
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
        interactive,
        ...(confirm ? { confirm } : {}),
        ...(root ? { root } : {}),
        ...(now ? { now } : {}),
        wranglerFile,
      });
      return { code, stdout, stderr };
    },
    wrangler: () => readFileSync(wranglerFile, 'utf8'),
    close: async () => {
      await cloudflare.close();
      await graph.close();
    },
  };
}
