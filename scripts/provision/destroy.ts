/**
 * destroy: removes what the tool made and nothing else, in the reverse of apply's order
 * (Cloudflare's applications, policies and providers before the Entra objects they name), then
 * puts wrangler.jsonc's placeholders back. Objects with the tool's names that it does not own
 * are listed as left alone. Entra keeps a deleted application for 30 days under "Deleted
 * applications", where it can be restored; a deleted security group is gone for good
 * (https://learn.microsoft.com/entra/identity/enterprise-apps/restore-application).
 */
import { guard } from './cloudflare-client.ts';
import { policyOwned } from './cloudflare-access.ts';
import { azureIdp } from './cloudflare-azure-idp.ts';
import { samlIdp } from './cloudflare-saml-idp.ts';
import type { AppState } from './entra-state.ts';
import { wranglerResetStep } from './local-steps.ts';
import { ACCESS_TAG, hasMarker, NAME_PREFIX, SAML_APP, SCIM_APP, SIGN_IN_APP } from './names.ts';
import type { Kind, Provider, Step } from './plan.ts';
import type { World } from './world.ts';

const leftAlone = (provider: Provider, kind: Kind, name: string): Step => ({
  action: 'manual',
  provider,
  kind,
  name,
  note: 'not made by this tool (no marker, tag or link to its objects): left alone',
});

export function destroySteps(world: World): Step[] {
  const { cloudflare, cf, graph, entra } = world;
  const account_id = cf.accountId;
  const steps: Step[] = [];

  // Access applications: every one with the tool's tag and prefix, also those of demos since removed.
  const desiredNames = new Set(world.desired.demos.flatMap((demo) => demo.apps.map((app) => app.name)));
  for (const app of cf.apps.filter((item) => item.name.startsWith(NAME_PREFIX))) {
    if (!app.tags.includes(ACCESS_TAG)) {
      if (desiredNames.has(app.name)) steps.push(leftAlone('cloudflare', 'access-application', app.name));
      continue;
    }
    steps.push({
      action: 'delete',
      provider: 'cloudflare',
      kind: 'access-application',
      name: app.name,
      note: app.domain,
      run: () =>
        guard(account_id, { doing: `delete the Access application ${app.name}`, area: 'apps-and-policies', write: true }, () =>
          cloudflare.zeroTrust.access.applications.delete(app.id, { account_id }),
        ).then(() => undefined),
    });
  }
  const deletedApps = new Set(
    cf.apps.filter((app) => app.tags.includes(ACCESS_TAG) && app.name.startsWith(NAME_PREFIX)).map((app) => app.id),
  );

  // Policies: every one with the tool's prefix that it owns (used by its applications only, as they
  // stand before this destroy), also those of demos since removed; never a policy it does not own.
  for (const policy of cf.policies.filter((item) => item.name.startsWith(NAME_PREFIX))) {
    if (!policyOwned(world, policy)) {
      steps.push(leftAlone('cloudflare', 'access-policy', policy.name));
      continue;
    }
    steps.push({
      action: 'delete',
      provider: 'cloudflare',
      kind: 'access-policy',
      name: policy.name,
      run: () =>
        guard(account_id, { doing: `delete the Access policy ${policy.name}`, area: 'apps-and-policies', write: true }, () =>
          cloudflare.zeroTrust.access.policies.delete(policy.id, { account_id }),
        ).then(() => undefined),
    });
  }

  // destroy never adopts (its options have adopt false), so "owned" here means the tool's own.
  for (const [found, name] of [
    [samlIdp(world), 'SAML'],
    [azureIdp(world), 'Azure AD'],
  ] as const) {
    const { found: idp, owned } = found;
    if (!idp) continue;
    if (!owned) {
      steps.push(leftAlone('cloudflare', 'identity-provider', idp.name));
      continue;
    }
    steps.push({
      action: 'delete',
      provider: 'cloudflare',
      kind: 'identity-provider',
      name: idp.name,
      note: `the ${name} provider; Access sessions through it end`,
      run: () =>
        guard(account_id, { doing: `delete the identity provider ${idp.name}`, area: 'identity-providers', write: true }, () =>
          cloudflare.zeroTrust.identityProviders.delete(idp.id, { account_id }),
        ).then(() => undefined),
    });
  }

  // The tag goes too when no application outside the tool's still carries it.
  const tagUsedElsewhere = cf.apps.some((app) => app.tags.includes(ACCESS_TAG) && !deletedApps.has(app.id));
  if (cf.tags.includes(ACCESS_TAG) && !tagUsedElsewhere)
    steps.push({
      action: 'delete',
      provider: 'cloudflare',
      kind: 'access-tag',
      name: ACCESS_TAG,
      run: () =>
        guard(account_id, { doing: `delete the Access tag ${ACCESS_TAG}`, area: 'apps-and-policies', write: true }, () =>
          cloudflare.zeroTrust.access.tags.delete(ACCESS_TAG, { account_id }),
        ).then(() => undefined),
    });

  const entraApp = (state: AppState, name: string, kind: Kind) => {
    if (!state.found) return;
    if (!hasMarker(state.found.notes)) {
      steps.push(leftAlone('entra', kind, name));
      return;
    }
    const app = state.found;
    const sp = state.sp;
    steps.push({
      action: 'delete',
      provider: 'entra',
      kind,
      name,
      note: 'the application and its service principal (30 days in Deleted applications)',
      run: async () => {
        if (sp) await graph.delete(`/servicePrincipals/${sp.id}`);
        await graph.delete(`/applications/${app.id}`);
      },
    });
  };
  entraApp(entra.saml, SAML_APP, 'saml-application');
  entraApp(entra.scim, SCIM_APP, 'scim-application');
  entraApp(entra.signIn, SIGN_IN_APP, 'app-registration');

  for (const [name, group] of entra.groups) {
    if (!group.found) continue;
    if (!hasMarker(group.found.description)) {
      steps.push(leftAlone('entra', 'group', name));
      continue;
    }
    const id = group.found.id;
    steps.push({
      action: 'delete',
      provider: 'entra',
      kind: 'group',
      name,
      note: 'a security group: deleted for good (only Microsoft 365 groups can be restored)',
      run: () => graph.delete(`/groups/${id}`),
    });
  }

  steps.push(wranglerResetStep(world));
  return steps;
}
