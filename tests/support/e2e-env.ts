/**
 * What the end-to-end setup (global-setup.ts) tells the specs: where each deploy target's site
 * answers, its stand-in Access team, and the keys that team signs with. The setup starts the
 * servers on ports the OS picks and writes these facts into process.env, which Playwright's worker
 * processes inherit (https://playwright.dev/docs/test-global-setup-teardown).
 */
import type { DeployTarget } from '../../scripts/lib/local-site/site-process.ts';
import type { TestKeys } from '../../scripts/lib/local-site/test-keys.ts';

export type { DeployTarget };
export { AUDIENCES } from '../../scripts/lib/local-site/gated-site.ts';

export interface TargetSite {
  baseUrl: string;
  teamDomain: string;
}

const TARGETS: readonly DeployTarget[] = ['workers', 'pages'];

/** The environment variable names, one place: the setup writes them, the specs read them. */
export const ENV = {
  baseUrl: (target: DeployTarget) => `E2E_${target.toUpperCase()}_URL`,
  teamDomain: (target: DeployTarget) => `E2E_${target.toUpperCase()}_TEAM_DOMAIN`,
  keys: 'E2E_KEYS',
} as const;

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the end-to-end tests through Playwright (npm run test:e2e), whose setup starts the sites`);
  return value;
}

export function targetSite(target: DeployTarget): TargetSite {
  return { baseUrl: required(ENV.baseUrl(target)), teamDomain: required(ENV.teamDomain(target)) };
}

/** Both targets' base URLs for the Playwright config, or undefined before the setup has run. */
export function baseUrlOf(target: DeployTarget): string | undefined {
  return process.env[ENV.baseUrl(target)];
}

export function testKeys(): TestKeys {
  return JSON.parse(required(ENV.keys)) as TestKeys;
}

export function publishSites(sites: Record<DeployTarget, TargetSite>, keys: TestKeys): void {
  for (const target of TARGETS) {
    process.env[ENV.baseUrl(target)] = sites[target].baseUrl;
    process.env[ENV.teamDomain(target)] = sites[target].teamDomain;
  }
  process.env[ENV.keys] = JSON.stringify(keys);
}
