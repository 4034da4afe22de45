/**
 * Runs `npm run provision`'s main() against the two API fakes, with a temporary copy of
 * wrangler.jsonc, and collects what it printed. The environment is only what the tool reads.
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/provision/main.ts';
import { WRANGLER_CONFIG } from '../../scripts/lib/wrangler-config.ts';
import { PROJECT_ROOT } from '../../src/build/site-manifest.ts';
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

/** One change of `--json`'s object, as the contract spells it. */
export interface ChangeJson {
  action: string;
  provider: string;
  kind: string;
  name: string;
}

/** The changes of a run's `--json` output (which must be exactly one JSON object). */
export const changesOf = (run: Run): ChangeJson[] => (JSON.parse(run.stdout) as { changes: ChangeJson[] }).changes;

/** The changes that would write something. */
export const pending = (run: Run): ChangeJson[] =>
  changesOf(run).filter((change) => change.action === 'create' || change.action === 'update');

/** Every writing request either fake has received. */
export const writeCount = (h: Harness): number => h.cloudflare.writes().length + h.graph.writes().length;

/** Every secret either fake issued or was given, and the two API tokens. */
export function secretsOf(h: Harness): string[] {
  return [
    FAKE_CLOUDFLARE_TOKEN,
    FAKE_GRAPH_TOKEN,
    ...h.graph.state.issuedPasswords.values(),
    ...h.cloudflare.state.scimSecrets.values(),
    ...h.cloudflare.state.clientSecrets.values(),
    ...[...h.graph.state.syncSecrets.values()].flatMap((secrets) => [secrets.get('SecretToken') ?? '']).filter(Boolean),
  ];
}

/** The secrets that reached the runs' stdout or stderr, or wrangler.jsonc. */
export function leaks(h: Harness, runs: readonly Run[], extra = ''): string[] {
  const printed = [...runs.flatMap((run) => [run.stdout, run.stderr]), h.wrangler(), extra].join('\n');
  return secretsOf(h).filter((secret) => printed.includes(secret));
}

/**
 * A copy of this repository's demo registry with one more demo, scim-c (an Azure Groups gate on
 * CF-Demo-Group-C) at `order`: the project root to run the CLI against.
 */
export function registryWithGroupC(order = 50): string {
  const root = mkdtempSync(join(tmpdir(), 'provision-registry-'));
  cpSync(join(PROJECT_ROOT, 'content', 'demos'), join(root, 'content', 'demos'), { recursive: true });
  writeFileSync(
    join(root, 'content', 'demos', 'scim-c.mdx'),
    `---\ntitle: Group C\nprotocol: SCIM\ngate:\n  group: CF-Demo-Group-C\n  selector: azure-groups\nslug: scim-c\norder: ${order}\nsummary: A fixture demo.\nverified: 2026-11-30\n---\n\n## Body\n`,
  );
  return root;
}
