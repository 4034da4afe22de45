/**
 * Everything a step needs: what is wanted, what is there (both sides, updated as steps run), the
 * two API clients, the secrets registry, and what apply has to report at the end.
 */
import type Cloudflare from 'cloudflare';
import type { Options } from './args.ts';
import type { CloudflareState } from './cloudflare-state.ts';
import type { Desired } from './desired.ts';
import type { EntraState } from './entra-state.ts';
import type { GraphClient } from './graph-client.ts';
import type { Step } from './plan.ts';
import type { Secrets } from './redact.ts';

export interface World {
  desired: Desired;
  options: Options;
  graph: GraphClient;
  cloudflare: Cloudflare;
  entra: EntraState;
  cf: CloudflareState;
  secrets: Secrets;
  wranglerFile: string;
  now: Date;
  /** Progress lines (stderr). */
  log: (line: string) => void;
  /** Manual steps that only apply can discover (a refused admin consent, no SCIM secret API). */
  late: Step[];
  /** What apply reports when it ends. */
  expiries: { clientSecret?: string; samlCertificate?: string };
  /** Values one step produces for the next, in memory only. */
  runtime: {
    /** The client secret Graph issued in this run (registered with `secrets`). */
    clientSecret?: string;
    /** Owned client secrets to remove once Cloudflare holds the new one. */
    staleSecretKeyIds: string[];
    /** Access policies created in this run (the tool's before any application uses them). */
    createdPolicyIds: Set<string>;
  };
}

export const teamCallback = (world: World): string => `https://${world.cf.authDomain}/cdn-cgi/access/callback`;

export const DAY_MS = 86_400_000;

/** A credential is renewed this long before it expires. */
export const RENEW_BEFORE_DAYS = 30;

export const validAfter = (endDateTime: string | null | undefined, now: Date): boolean =>
  typeof endDateTime === 'string' && Date.parse(endDateTime) - now.getTime() > RENEW_BEFORE_DAYS * DAY_MS;
