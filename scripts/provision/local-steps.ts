/**
 * The last step of apply (wrangler.jsonc), the manual steps every plan lists, and the step that
 * puts wrangler.jsonc's placeholders back on destroy.
 */
import { accessAppFound } from './cloudflare-access.ts';
import { LICENCE_NOTE } from './entra-scim.ts';
import { ProvisionError } from './errors.ts';
import { SAML_APP, SCIM_APP } from './names.ts';
import type { Step } from './plan.ts';
import { readWranglerText, routesFor, wranglerDifferences, writeWrangler, type WranglerTarget } from './wrangler-writer.ts';
import type { World } from './world.ts';

/** The target from the Access applications as they are now: undefined while one has no AUD yet. */
function wranglerTarget(world: World): WranglerTarget | undefined {
  const audiences: Record<string, [string, string]> = {};
  for (const demo of world.desired.demos) {
    const [pathApp, subdomainApp] = demo.apps.map((app) => accessAppFound(world, app));
    const pathAud = pathApp?.owned ? pathApp.found?.aud : undefined;
    const subdomainAud = subdomainApp?.owned ? subdomainApp.found?.aud : undefined;
    if (!pathAud || !subdomainAud) return undefined;
    audiences[demo.slug] = [pathAud, subdomainAud];
  }
  return {
    teamDomain: `https://${world.cf.authDomain}`,
    audiences,
    routes: routesFor(
      world.desired.domain,
      world.desired.demos.map((demo) => demo.slug),
    ),
  };
}

export function wranglerStep(world: World, appsChange: boolean): Step {
  const base = { provider: 'local', kind: 'wrangler-config', name: 'wrangler.jsonc' } as const;
  const { config } = readWranglerText(world.wranglerFile);
  const target = appsChange ? undefined : wranglerTarget(world);
  const differences = target
    ? wranglerDifferences(config, target)
    : ['ACCESS_TEAM_DOMAIN, ACCESS_AUDIENCES (each demo: path AUD, subdomain AUD) and routes'];
  if (differences.length === 0) return { ...base, action: 'keep' };
  return {
    ...base,
    action: 'update',
    note: `${differences.join('; ')} (comments kept)`,
    run: async () => {
      const now = wranglerTarget(world);
      if (!now)
        throw new ProvisionError(
          'Cloudflare answered an Access application of the tool without its AUD tag, so wrangler.jsonc was left as it was: run apply again (it reads the applications afresh).',
        );
      await writeWrangler(world.wranglerFile, now);
    },
  };
}

/** What no API does, listed on every plan with the portal steps and the reason. */
export function manualSteps(world: World): Step[] {
  const steps: Step[] = [
    {
      action: 'manual',
      provider: 'entra',
      kind: 'scim-job',
      name: `${SCIM_APP}: users reach Cloudflare after their first sign-in`,
      note: `Access creates a user only when they first sign in (or enrol a device); SCIM then keeps them and their groups current, about every 40 minutes. Sign in to a demo once, then either wait for the next cycle or use Entra admin center → Enterprise apps → ${SCIM_APP} → Provisioning → Provision on demand; check Zero Trust → Insights → Logs → SCIM provisioning logs.`,
    },
    {
      action: 'manual',
      provider: 'entra',
      kind: 'scim-application',
      name: `${SCIM_APP}: group assignment needs Entra ID P1 or P2`,
      note: LICENCE_NOTE,
    },
  ];
  if (world.desired.needsSaml)
    steps.push({
      action: 'manual',
      provider: 'entra',
      kind: 'saml-application',
      name: `${SAML_APP}: the Name ID is the user principal name`,
      note: `Entra sends the user principal name as the Name ID. Where your users' UPNs are not their email addresses: Entra admin center → Enterprise apps → ${SAML_APP} → Single sign-on → Attributes & Claims → Unique User Identifier (Name ID) → source attribute user.mail.`,
    });
  return steps;
}

/** destroy: put back the placeholders the repository ships, so the gate fails closed again. */
export function wranglerResetStep(world: World): Step {
  const base = { provider: 'local', kind: 'wrangler-config', name: 'wrangler.jsonc' } as const;
  const { config } = readWranglerText(world.wranglerFile);
  const { domain } = world.desired;
  const target: WranglerTarget = {
    teamDomain: 'https://<your-team>.cloudflareaccess.com',
    audiences: Object.fromEntries(
      world.desired.demos.map((demo) => [demo.slug, [`<AUD tag of ${domain}/${demo.slug}/*>`, `<AUD tag of ${demo.slug}.${domain}>`]]),
    ),
    routes: Array.isArray(config.routes)
      ? (config.routes as WranglerTarget['routes'])
      : routesFor(
          domain,
          world.desired.demos.map((demo) => demo.slug),
        ),
  };
  const differences = wranglerDifferences(config, target);
  if (differences.length === 0) return { ...base, action: 'keep' };
  return {
    ...base,
    action: 'delete',
    note: 'put the placeholders back in ACCESS_TEAM_DOMAIN and ACCESS_AUDIENCES (the gate then fails closed); routes stay',
    run: () => writeWrangler(world.wranglerFile, target),
  };
}
