/**
 * `npm run provision`: reads both sides, builds the plan, and (for apply and destroy, once
 * confirmed) runs its steps in order. Returns the exit code; prints the plan on stdout (with
 * --json exactly one JSON object there) and every message on stderr, each passed through the
 * secrets registry so that no secret is ever printed.
 */
import { readSiteManifest } from '../../src/build/site-manifest.ts';
import { isGuid } from '../../src/identity/parse-identity.ts';
import { readOptions, USAGE, type Options } from './args.ts';
import { ask } from './ask.ts';
import { removeUnattachedPolicies } from './cloudflare-access.ts';
import { cloudflareClient } from './cloudflare-client.ts';
import { readCloudflare } from './cloudflare-state.ts';
import { azureIdpVerdict } from './cloudflare-azure-idp.ts';
import { cloudflareSteps } from './cloudflare-steps.ts';
import { desiredFrom } from './desired.ts';
import { destroySteps } from './destroy.ts';
import { readEntra } from './entra-state.ts';
import { entraSteps } from './entra-steps.ts';
import { ProvisionError, UsageError } from './errors.ts';
import { DEFAULT_GRAPH_BASE, GraphClient } from './graph-client.ts';
import { graphTokenSource } from './graph-token.ts';
import { manualSteps, wranglerStep } from './local-steps.ts';
import { demoted, isWrite, planJson, planText, withLate, type Step } from './plan.ts';
import { SIGN_IN_APP } from './names.ts';
import { Secrets } from './redact.ts';
import type { World } from './world.ts';
import { WRANGLER_CONFIG } from '../lib/wrangler-config.ts';

export interface Output {
  write(text: string): unknown;
}

export interface MainIO {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  stdout: Output;
  stderr: Output;
  /** Whether stdin is a terminal someone can answer at; apply and destroy only ask then. */
  interactive: boolean;
  /** Asks a yes/no question (default: a readline prompt on stdin). */
  confirm?: (question: string) => Promise<boolean>;
  /** The project whose content/demos/ is the demo registry (default: this repository). */
  root?: string;
  wranglerFile?: string;
  now?: Date;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * An API base URL from the environment, when set: https, or plain http to this machine only (a
 * local stand-in), since the API token travels with every request.
 */
function baseUrlFrom(env: NodeJS.ProcessEnv, name: string, example: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)))) return value;
  throw new ProvisionError(
    `${name} "${value}" is not an https URL (plain http only to this machine, for a local stand-in): set it to the API's base URL, e.g. ${example}, or unset it for the default; then run the command again.`,
  );
}

function requireEnv(env: NodeJS.ProcessEnv): { accountId: string; graphBase: string } {
  const missing = ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_ACCOUNT_ID'].filter((name) => !env[name]?.trim());
  if (missing.length > 0)
    throw new ProvisionError(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set. Set CLOUDFLARE_API_TOKEN to an API token with "Access: Organizations, Identity Providers, and Groups Write", "Access: Apps and Policies Write" and "Zone: Zone Read", and CLOUDFLARE_ACCOUNT_ID to the account's id (Cloudflare dashboard → Account home → the account's menu → Copy account ID); for Entra, sign in with az login or set MS_GRAPH_TOKEN. Then run the command again.`,
    );
  const accountId = env['CLOUDFLARE_ACCOUNT_ID']?.trim() ?? '';
  if (!/^[0-9a-f]{32}$/i.test(accountId))
    throw new ProvisionError(
      `CLOUDFLARE_ACCOUNT_ID "${accountId}" is not an account id (32 hexadecimal characters): copy it from the Cloudflare dashboard and run the command again.`,
    );
  // Written into the SAML issuer (https://sts.windows.net/<tenant-id>/) and the Azure AD provider's
  // directory id, which take the tenant's GUID, not a domain such as contoso.onmicrosoft.com.
  const tenantId = env['AZURE_TENANT_ID']?.trim();
  if (tenantId && !isGuid(tenantId))
    throw new ProvisionError(
      `AZURE_TENANT_ID "${tenantId}" is not a tenant id: set it to the tenant's GUID (Entra admin center → Overview → Tenant ID), not a domain (such as contoso.onmicrosoft.com); then run the command again.`,
    );
  baseUrlFrom(env, 'CLOUDFLARE_BASE_URL', 'https://api.cloudflare.com/client/v4');
  const graphBase = baseUrlFrom(env, 'MS_GRAPH_BASE_URL', `${DEFAULT_GRAPH_BASE} (or a national cloud's, https://graph.microsoft.us/v1.0)`);
  return { accountId, graphBase: graphBase ?? DEFAULT_GRAPH_BASE };
}

async function buildWorld(io: MainIO, options: Options, secrets: Secrets, log: (line: string) => void): Promise<World> {
  const { env } = io;
  const { accountId, graphBase } = requireEnv(env);
  secrets.add(env['CLOUDFLARE_API_TOKEN']);
  let manifest;
  try {
    manifest = readSiteManifest({ ...(io.root ? { root: io.root } : {}), domain: options.domain });
  } catch (error) {
    throw new ProvisionError(
      `The demo registry (content/demos/*.mdx) cannot be read: ${(error as Error).message}. Fix the file, then run the command again.`,
    );
  }
  const desired = desiredFrom(manifest, options.domain);
  const cloudflare = cloudflareClient(env, log);
  const token = graphTokenSource(env, secrets);
  const graph = new GraphClient({ baseUrl: graphBase, token });
  log(`Reading Cloudflare account ${accountId}…`);
  const cf = await readCloudflare(cloudflare, accountId, options.command === 'destroy' ? undefined : options.domain);
  log(`Reading the Entra tenant through Microsoft Graph…`);
  const entra = await readEntra(graph, {
    tenantId: env['AZURE_TENANT_ID']?.trim() || undefined,
    token,
    groupNames: desired.groupNames,
    members: options.members,
    needsSaml: desired.needsSaml,
    adopt: options.adopt,
  });
  return {
    desired,
    options,
    graph,
    cloudflare,
    entra,
    cf,
    secrets,
    wranglerFile: io.wranglerFile ?? WRANGLER_CONFIG,
    now: io.now ?? new Date(),
    log,
    late: [],
    expiries: {},
    runtime: { staleSecretKeyIds: [], createdPolicyIds: new Set() },
  };
}

/** The whole plan, in the order apply runs it. */
export function planSteps(world: World): Step[] {
  const verdict = azureIdpVerdict(world);
  const steps = [
    ...entraSteps(world, { idpNeedsSecret: verdict === 'create' || verdict === 'update' }),
    ...cloudflareSteps(world, verdict),
  ];
  const appsChange = steps.some((step) => step.kind === 'access-application' && isWrite(step));
  return [...steps, wranglerStep(world, appsChange), ...manualSteps(world)];
}

async function confirmed(io: MainIO, options: Options, count: number, verb: string): Promise<boolean> {
  if (options.yes) return true;
  if (!io.interactive)
    throw new ProvisionError(
      `${verb} ${count} change${count === 1 ? '' : 's'} in your tenant and account, and stdin is not a terminal to ask on: read the plan above, then run it again with --yes to confirm.`,
    );
  return (io.confirm ?? ask)(`${verb.charAt(0).toUpperCase()}${verb.slice(1)} these ${count} changes? Type yes to go on: `);
}

async function runSteps(steps: Step[], late: readonly Step[], say: (line: string) => void): Promise<void> {
  const writes = steps.filter(isWrite);
  let done = 0;
  for (const step of writes) {
    try {
      await step.run?.();
    } catch (error) {
      if (error instanceof ProvisionError)
        throw new ProvisionError(`${error.message} (${done} of ${writes.length} changes were made before this one.)`);
      throw error;
    }
    done++;
    if (demoted(step, late)) say(`! ${step.provider} ${step.kind}: ${step.name}: not done, a manual step (listed at the end)`);
    else say(`✓ ${step.action} ${step.provider} ${step.kind}: ${step.name}`);
  }
}

function report(world: World, say: (line: string) => void): void {
  for (const step of world.late)
    say(`! manual ${step.provider} ${step.kind}: ${step.name}\n    ${(step.note ?? '').split('\n').join('\n    ')}`);
  if (world.expiries.clientSecret)
    say(
      `The client secret of ${SIGN_IN_APP} expires on ${world.expiries.clientSecret.slice(0, 10)}: run apply again in the month before, and it renews it.`,
    );
  if (world.expiries.samlCertificate)
    say(
      `The SAML signing certificate expires on ${world.expiries.samlCertificate.slice(0, 10)}: run apply again in the month before, and it renews it.`,
    );
}

type Say = (line: string) => void;

async function destroy(io: MainIO, options: Options, world: World, out: (text: string) => void, say: Say): Promise<number> {
  const steps = destroySteps(world);
  out(planText(steps));
  const writes = steps.filter(isWrite);
  if (writes.length === 0) {
    say('Nothing of the tool is left to remove.');
    return 0;
  }
  if (!(await confirmed(io, options, writes.length, 'destroy would make'))) {
    say('Nothing was changed.');
    return 1;
  }
  await runSteps(steps, world.late, say);
  say(
    `Removed what the tool made. Entra keeps deleted applications for 30 days (Entra admin center → App registrations → Deleted applications); the security groups are gone for good.`,
  );
  return 0;
}

async function apply(io: MainIO, options: Options, world: World, steps: Step[], say: Say): Promise<number> {
  const conflicts = steps.filter((step) => step.conflict);
  if (conflicts.length > 0)
    throw new ProvisionError(
      `apply stopped before writing anything: ${conflicts.map((step) => step.name).join(', ')} ${conflicts.length === 1 ? 'exists' : 'exist'} without the tool's marker (made by hand?). Rename ${conflicts.length === 1 ? 'it' : 'them'}, or run apply again with --adopt to let the tool take ${conflicts.length === 1 ? 'it' : 'them'} over.`,
    );
  const writes = steps.filter(isWrite);
  if (writes.length === 0) {
    say('Nothing to change: everything is as the plan wants it.');
    report(world, say);
    return 0;
  }
  if (!(await confirmed(io, options, writes.length, 'apply would make'))) {
    say('Nothing was changed.');
    return 1;
  }
  try {
    await runSteps(steps, world.late, say);
  } catch (error) {
    if (!(error instanceof ProvisionError)) throw error;
    // A policy made in this run that no application uses yet would look hand-made to the next run.
    const left = await removeUnattachedPolicies(world);
    if (left.length === 0) throw error;
    throw new ProvisionError(
      `${error.message} The Access ${left.length === 1 ? 'policy' : 'policies'} ${left.join(', ')}, made in this run, could not be removed again: the next run shows ${left.length === 1 ? 'it' : 'them'} as made by hand; run apply with --adopt to take ${left.length === 1 ? 'it' : 'them'} back.`,
    );
  }
  say(`Done. Build and deploy for your domain with: SITE_DOMAIN=${options.domain} npm run deploy`);
  report(world, say);
  return 0;
}

async function run(io: MainIO, options: Options, secrets: Secrets, out: (text: string) => void, say: Say): Promise<number> {
  // With --json, stdout gets exactly one object whatever happens: the changes as planned, or as
  // apply left them (steps that turned manual in their place), or none when the run stopped before
  // there was a plan. Printed once, here; every message goes to stderr.
  let changes: () => Step[] = () => [];
  try {
    const world = await buildWorld(io, options, secrets, say);
    if (options.command === 'destroy') return await destroy(io, options, world, out, say);
    const steps = planSteps(world);
    changes = () => withLate(steps, world.late);
    if (!options.json) out(planText(steps));
    if (options.command === 'apply') return await apply(io, options, world, steps, say);
    const conflicts = steps.filter((step) => step.conflict).length;
    if (conflicts > 0)
      say(
        `${conflicts} object(s) with the tool's names were not made by it: rename them, or add --adopt (${options.json ? 'plan without --json shows why' : 'see the notes above'}).`,
      );
    report({ ...world, late: [] }, say);
    return 0;
  } finally {
    if (options.json) out(planJson(changes()));
  }
}

export async function main(io: MainIO): Promise<number> {
  const secrets = new Secrets();
  const out = (text: string) => io.stdout.write(secrets.redact(text));
  const say = (line: string) => io.stderr.write(`${secrets.redact(line)}\n`);
  let options: Options;
  try {
    options = readOptions(io.argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`error: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(io, options, secrets, out, say);
  } catch (error) {
    if (error instanceof ProvisionError) {
      say(`error: ${error.message}`);
      return 1;
    }
    const failure = error as Error;
    say(`error: unexpected failure, a bug in npm run provision: ${failure.message}\n${failure.stack ?? ''}`);
    return 1;
  }
}
