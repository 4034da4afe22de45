/**
 * What the demo registry asks for: the site manifest's demos (content/demos/*.mdx), each with its
 * policy template, identity provider and group, and the two hostnames of its Access applications.
 * A new demo file adds its objects here, and so to the plan.
 */
import { demoGroupName, demoPolicy, demoProviderType, type DemoPolicy, type DemoProviderType } from '../../src/policy/demo-policy.ts';
import type { SiteManifest } from '../../src/gate/site-manifest.ts';
import { accessAppName, ACCESS_APP_ROUTES, type AppRoute } from './names.ts';

export interface DesiredApp {
  route: AppRoute;
  name: string;
  /** `<domain>/<slug>` (also covers `/<slug>/…`) or `<slug>.<domain>`. */
  domain: string;
}

export interface DesiredDemo {
  slug: string;
  providerType: DemoProviderType;
  groupName: string | undefined;
  /** The demo's policy, given the real group id and provider id. */
  policy: (ids: { groupId: string | undefined; providerId: string }) => DemoPolicy;
  apps: DesiredApp[];
}

export interface Desired {
  domain: string;
  demos: DesiredDemo[];
  /** Every Entra group a demo names, once, in demo order. */
  groupNames: string[];
  /** Whether any demo signs in through SAML (then the SAML app and provider are needed). */
  needsSaml: boolean;
}

export const appDomain = (slug: string, domain: string, route: AppRoute): string =>
  route === 'path' ? `${domain}/${slug}` : `${slug}.${domain}`;

export function desiredFrom(manifest: SiteManifest, domain: string): Desired {
  const demos = manifest.demos.map((demo): DesiredDemo => {
    const groupName = demoGroupName(demo.gate);
    return {
      slug: demo.slug,
      providerType: demoProviderType(demo.gate),
      groupName,
      policy: ({ groupId, providerId }) => demoPolicy(demo, { ...(groupId ? { groupId } : {}), providerId }),
      apps: ACCESS_APP_ROUTES.map((route) => ({
        route,
        name: accessAppName(demo.slug, route),
        domain: appDomain(demo.slug, domain, route),
      })),
    };
  });
  const groupNames = [...new Set(demos.flatMap((demo) => (demo.groupName ? [demo.groupName] : [])))];
  return { domain, demos, groupNames, needsSaml: demos.some((demo) => demo.providerType === 'saml') };
}
