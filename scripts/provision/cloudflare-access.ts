/**
 * One reusable Allow policy per demo (its template from src/policy/demo-policy.ts with the real
 * group and provider ids) and two self-hosted Access applications per demo, `<domain>/<slug>`
 * and `<slug>.<domain>`, that allow only the demo's provider, with Instant Auth and the policy.
 * Applications carry the tool's tag; a policy is the tool's when no application but the tool's
 * uses it.
 *
 * Sources: "Self-hosted public application" (https://developers.cloudflare.com/cloudflare-one/access-controls/applications/http-apps/self-hosted-public-app/),
 * "Application paths" (https://developers.cloudflare.com/cloudflare-one/access-controls/policies/app-paths/),
 * "Access policies" (https://developers.cloudflare.com/cloudflare-one/access-controls/policies/).
 */
import { isDeepStrictEqual } from 'node:util';
import type { ApplicationCreateParams } from 'cloudflare/resources/zero-trust/access/applications/applications';
import type { PolicyCreateParams } from 'cloudflare/resources/zero-trust/access/policies';
import { azureIdp } from './cloudflare-azure-idp.ts';
import { guard, upsert } from './cloudflare-client.ts';
import { samlIdp } from './cloudflare-saml-idp.ts';
import { appView, policyView, replaced, type AppView, type IdpView, type PolicyView } from './cloudflare-state.ts';
import type { DemoPolicy } from '../../src/policy/demo-policy.ts';
import type { DesiredApp, DesiredDemo } from './desired.ts';
import { ProvisionError } from './errors.ts';
import { ACCESS_TAG, AZURE_IDP, demoPolicyName, SAML_IDP } from './names.ts';
import { CLOUDFLARE_CONFLICT_HINT, pick, type Found } from './ownership.ts';
import type { Step } from './plan.ts';
import type { World } from './world.ts';

const providerOf = (world: World, demo: DesiredDemo): IdpView | undefined =>
  (demo.providerType === 'saml' ? samlIdp(world) : azureIdp(world)).found;
const groupIdOf = (world: World, demo: DesiredDemo): string | undefined =>
  demo.groupName ? world.entra.groups.get(demo.groupName)?.found?.id : undefined;

const appOwned = (app: AppView): boolean => app.tags.includes(ACCESS_TAG);

/** The demo's policy as the tool writes it, with its provider's and group's ids; undefined while one is unknown. */
function wantedPolicy(world: World, demo: DesiredDemo): DemoPolicy | undefined {
  const provider = providerOf(world, demo);
  const groupId = groupIdOf(world, demo);
  if (!provider || (demo.groupName !== undefined && groupId === undefined)) return undefined;
  return demo.policy({ groupId, providerId: provider.id });
}

const sameRules = (policy: PolicyView, want: DemoPolicy): boolean =>
  policy.decision === want.decision &&
  isDeepStrictEqual(policy.include, want.include) &&
  isDeepStrictEqual(policy.require, want.require) &&
  isDeepStrictEqual(policy.exclude, want.exclude);

/**
 * What an interrupted destroy leaves: the tool's applications are gone (deleted first, as the API
 * refuses to delete a policy in use) but their policy is not. Unused, it is still the tool's when
 * it is exactly the demo's policy with the ids of the tool's own provider (and group), and no
 * application uses another policy of that name, so that running destroy (or apply) again finishes
 * the job instead of taking it for a hand-made one. A demo whose policy names no id (Everyone) is
 * tied to the tool only by the tool's provider standing in the account: an unused hand-made copy
 * of it, made while the tool's own is gone, is then taken for the tool's. That trade lets an
 * interrupted destroy finish; the copy is what the tool would write anyway.
 */
function leftByTheTool(world: World, policy: PolicyView): boolean {
  const demo = world.desired.demos.find((item) => demoPolicyName(item.slug) === policy.name);
  if (!demo) return false;
  const provider = demo.providerType === 'saml' ? samlIdp(world) : azureIdp(world);
  const group = demo.groupName === undefined ? undefined : world.entra.groups.get(demo.groupName);
  if (!provider.owned || (group !== undefined && !group.owned)) return false;
  const namesake = world.cf.policies.some(
    (other) => other.id !== policy.id && other.name === policy.name && world.cf.apps.some((app) => app.policyIds.includes(other.id)),
  );
  const want = wantedPolicy(world, demo);
  return !namesake && want !== undefined && sameRules(policy, want);
}

/**
 * A reusable policy has no field for a marker, so it is the tool's when at least one of the tool's
 * (tagged) applications uses it and no other application does: a same-named policy used by no
 * application, or by one someone else made, was made by hand (perhaps from the demo pages) and is
 * a conflict until --adopt, unless it is one an interrupted destroy left (leftByTheTool). A policy
 * the tool created in this very run is its own before its applications exist; if the run stops
 * before they do, apply deletes it again (removeUnattachedPolicies), so the next run does not
 * mistake it for a hand-made one.
 */
export function policyOwned(world: World, policy: PolicyView): boolean {
  if (world.runtime.createdPolicyIds.has(policy.id)) return true;
  const users = world.cf.apps.filter((app) => app.policyIds.includes(policy.id));
  if (users.length === 0) return leftByTheTool(world, policy);
  return users.every(appOwned);
}

export function demoPolicyFound(world: World, slug: string): Found<PolicyView> {
  return pick(
    world.cf.policies.filter((policy) => policy.name === demoPolicyName(slug)),
    (policy) => policyOwned(world, policy),
    world.options.adopt,
  );
}

/**
 * After a failed apply: deletes the policies this run created that no application uses yet.
 * Returns the names of those it could not delete (the message then says to adopt them).
 */
export async function removeUnattachedPolicies(world: World): Promise<string[]> {
  const left: string[] = [];
  for (const policy of world.cf.policies.filter((item) => world.runtime.createdPolicyIds.has(item.id))) {
    if (world.cf.apps.some((app) => app.policyIds.includes(policy.id))) continue;
    try {
      await guard(world.cf.accountId, { doing: `delete the Access policy ${policy.name}`, area: 'apps-and-policies', write: true }, () =>
        world.cloudflare.zeroTrust.access.policies.delete(policy.id, { account_id: world.cf.accountId }),
      );
      world.cf.policies = world.cf.policies.filter((item) => item.id !== policy.id);
    } catch (error) {
      if (!(error instanceof ProvisionError)) throw error;
      left.push(policy.name);
    }
  }
  return left;
}

function policyParams(world: World, demo: DesiredDemo): PolicyCreateParams {
  const provider = providerOf(world, demo);
  if (!provider) throw new ProvisionError(`Internal error: the identity provider of ${demo.slug} is not known.`);
  const groupId = groupIdOf(world, demo);
  if (demo.groupName && !groupId) throw new ProvisionError(`Internal error: the group ${demo.groupName} is not known.`);
  const { name, decision, include, require, exclude } = demo.policy({ groupId, providerId: provider.id });
  return { account_id: world.cf.accountId, name, decision, include, require, exclude };
}

export function policyStep(world: World, demo: DesiredDemo): Step {
  const name = demoPolicyName(demo.slug);
  const base = { provider: 'cloudflare', kind: 'access-policy', name } as const;
  const { found: policy, owned } = demoPolicyFound(world, demo.slug);
  if (policy && !owned)
    return {
      ...base,
      action: 'manual',
      conflict: true,
      note: `A policy named ${name} (${policy.id}) exists, but no Access application of the tool's uses it, or one the tool did not make does: someone made it by hand.\n${CLOUDFLARE_CONFLICT_HINT}`,
    };
  const want = wantedPolicy(world, demo);
  if (policy && want && sameRules(policy, want)) return { ...base, action: 'keep' };
  const rule = demo.providerType === 'saml' ? 'SAML Group on the groups claim' : demo.groupName ? 'Azure Groups' : 'Everyone';
  return {
    ...base,
    action: policy ? 'update' : 'create',
    note: `Allow, Include ${rule}${demo.groupName ? ` = the object id of ${demo.groupName}` : ''}, through ${demo.providerType === 'saml' ? SAML_IDP : AZURE_IDP}`,
    run: async () => {
      const params = policyParams(world, demo);
      const answer = await upsert(world.cf.accountId, {
        what: `Access policy ${name}`,
        area: 'apps-and-policies',
        current: demoPolicyFound(world, demo.slug).found,
        create: () => world.cloudflare.zeroTrust.access.policies.create(params),
        update: (id) => world.cloudflare.zeroTrust.access.policies.update(id, params),
      });
      const view = policyView(answer);
      if (!policy) world.runtime.createdPolicyIds.add(view.id);
      world.cf.policies = replaced(world.cf.policies, view);
    },
  };
}

export function accessAppFound(world: World, app: DesiredApp): Found<AppView> {
  return pick(
    world.cf.apps.filter((item) => item.name === app.name),
    appOwned,
    world.options.adopt,
  );
}

async function ensureTag(world: World): Promise<void> {
  if (world.cf.tags.includes(ACCESS_TAG)) return;
  await guard(world.cf.accountId, { doing: `create the Access tag ${ACCESS_TAG}`, area: 'apps-and-policies', write: true }, () =>
    world.cloudflare.zeroTrust.access.tags.create({ account_id: world.cf.accountId, name: ACCESS_TAG }),
  );
  world.cf.tags.push(ACCESS_TAG);
}

export function appStep(world: World, demo: DesiredDemo, want: DesiredApp): Step {
  const base = { provider: 'cloudflare', kind: 'access-application', name: want.name } as const;
  const { found: app, owned } = accessAppFound(world, want);
  if (app && !owned)
    return {
      ...base,
      action: 'manual',
      conflict: true,
      note: `An Access application named ${want.name} (${app.id}) exists without the tool's tag "${ACCESS_TAG}": someone made it by hand.\n${CLOUDFLARE_CONFLICT_HINT}`,
    };
  const provider = providerOf(world, demo);
  const policy = demoPolicyFound(world, demo.slug).found;
  if (app && provider && policy) {
    const right =
      app.type === 'self_hosted' &&
      app.domain === want.domain &&
      isDeepStrictEqual(app.allowedIdps, [provider.id]) &&
      app.autoRedirect &&
      isDeepStrictEqual(app.policyIds, [policy.id]);
    if (right && appOwned(app)) return { ...base, action: 'keep' };
  }
  const account_id = world.cf.accountId;
  return {
    ...base,
    action: app ? 'update' : 'create',
    note: `self-hosted, ${want.domain}; allows only ${demo.providerType === 'saml' ? SAML_IDP : AZURE_IDP}, Instant Auth, the policy ${demoPolicyName(demo.slug)}${world.cf.tags.includes(ACCESS_TAG) ? '' : `; first creates the Access tag ${ACCESS_TAG}`}`,
    run: async () => {
      await ensureTag(world);
      const idp = providerOf(world, demo);
      const linked = demoPolicyFound(world, demo.slug).found;
      if (!idp || !linked) throw new ProvisionError(`Internal error: the provider or policy of ${demo.slug} is not known.`);
      const current = accessAppFound(world, want).found;
      const params: ApplicationCreateParams.SelfHostedApplication = {
        account_id,
        name: want.name,
        type: 'self_hosted',
        domain: want.domain,
        allowed_idps: [idp.id],
        // Instant Auth: with one provider allowed, skip Access's login page.
        auto_redirect_to_identity: true,
        policies: [{ id: linked.id, precedence: 1 }],
        tags: [...new Set([...(current?.tags ?? []), ACCESS_TAG])],
      };
      const answer = await upsert(account_id, {
        what: `Access application ${want.name}`,
        area: 'apps-and-policies',
        current,
        create: () => world.cloudflare.zeroTrust.access.applications.create(params),
        update: (id) => world.cloudflare.zeroTrust.access.applications.update(id, params),
      });
      world.cf.apps = replaced(world.cf.apps, appView(answer));
    },
  };
}
