/**
 * The SCIM enterprise application, separate from the sign-in app, from the non-gallery template:
 * the demo groups assigned to it (https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignedto)
 * and its provisioning job (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-post).
 * The job's Tenant URL and Secret Token come from Cloudflare (cloudflare-steps.ts).
 */
import { ProvisionError } from './errors.ts';
import { GraphError } from './graph-client.ts';
import type { ServicePrincipal } from './graph-types.ts';
import { conflict, instantiate, markerNotes, need } from './entra-common.ts';
import { hasMarker, MARKER_TEXT, SCIM_APP } from './names.ts';
import type { Step } from './plan.ts';
import type { World } from './world.ts';

function userRoleId(sp: ServicePrincipal): string {
  const role = (sp.appRoles ?? []).find(
    (item) => item.isEnabled !== false && item.displayName === 'User' && (item.allowedMemberTypes ?? []).includes('User'),
  );
  return role?.id ?? '00000000-0000-0000-0000-000000000000';
}

export const LICENCE_NOTE = `Assigning a group to an enterprise application needs Microsoft Entra ID P1 or P2 (Entra admin center → Billing → Licenses). Without it, assign the users one by one instead: Enterprise apps → ${SCIM_APP} → Users and groups → Add user/group.`;

export function scimSteps(world: World): Step[] {
  const { graph, entra } = world;
  const state = entra.scim;
  const base = { provider: 'entra', kind: 'scim-application', name: SCIM_APP } as const;
  let app: Step;
  if (!state.found)
    app = {
      ...base,
      action: 'create',
      note: 'the separate enterprise application (non-gallery template) whose provisioning job sends users and groups to Cloudflare by SCIM',
      run: async () => {
        const created = await instantiate(world, SCIM_APP, {}, {});
        state.found = created.application;
        state.sp = created.servicePrincipal;
        state.owned = true;
      },
    };
  else if (!state.owned) return [conflict(base, `An application named ${SCIM_APP} (appId ${state.found.appId})`, 'notes')];
  else if (!state.sp || !hasMarker(state.found.notes) || !hasMarker(state.sp.notes)) {
    const found = state.found;
    app = {
      ...base,
      action: 'update',
      note: state.sp ? '--adopt: write the marker into its notes' : 'create its missing service principal',
      run: async () => {
        if (!hasMarker(found.notes)) await graph.patch(`/applications/${found.id}`, { notes: markerNotes(found.notes) });
        found.notes = markerNotes(found.notes);
        const sp = state.sp ?? (await graph.post('/servicePrincipals', { appId: found.appId, notes: MARKER_TEXT }));
        if (!hasMarker(sp.notes)) await graph.patch(`/servicePrincipals/${sp.id}`, { notes: markerNotes(sp.notes) });
        sp.notes = markerNotes(sp.notes);
        state.sp = sp;
      },
    };
  } else app = { ...base, action: 'keep' };

  const assignments = world.desired.groupNames.map((name): Step => {
    const group = need(entra.groups.get(name), `the group ${name}`);
    const assignBase = { provider: 'entra', kind: 'scim-application', name: `${SCIM_APP} → ${name}` } as const;
    if (group.found && state.assigned.has(group.found.id)) return { ...assignBase, action: 'keep' };
    return {
      ...assignBase,
      action: 'create',
      note: 'assign the group, so that the provisioning job sends it and its direct members',
      run: async () => {
        const sp = need(state.sp, 'the SCIM service principal');
        const groupId = need(group.found, `the group ${name}`).id;
        try {
          await graph.post(
            `/servicePrincipals/${sp.id}/appRoleAssignedTo`,
            { principalId: groupId, resourceId: sp.id, appRoleId: userRoleId(sp) },
            { retryNotFound: true },
          );
        } catch (error) {
          if (error instanceof GraphError && error.status === 400 && /licen[cs]e|premium|P1|P2/i.test(error.message))
            throw new ProvisionError(`Entra refused to assign ${name} to ${SCIM_APP}: ${LICENCE_NOTE} Then run the command again.`);
          throw error;
        }
        state.assigned.add(groupId);
      },
    };
  });

  const jobBase = { provider: 'entra', kind: 'scim-job', name: `${SCIM_APP}: provisioning job` } as const;
  const job: Step = state.job
    ? { ...jobBase, action: 'keep' }
    : {
        ...jobBase,
        action: 'create',
        note: 'from the "scim" template; its Tenant URL and Secret Token come from Cloudflare below',
        run: async () => {
          const sp = need(state.sp, 'the SCIM service principal');
          state.job = await graph.post(`/servicePrincipals/${sp.id}/synchronization/jobs`, { templateId: 'scim' }, { retryNotFound: true });
        },
      };
  return [app, ...assignments, job];
}
