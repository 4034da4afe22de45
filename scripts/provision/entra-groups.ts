/**
 * The demo groups (security groups, named by the demo files) and, with --members, their members
 * (https://learn.microsoft.com/graph/api/group-post-groups, https://learn.microsoft.com/graph/api/group-post-members).
 */
import { hasMarker, MARKER_TEXT } from './names.ts';
import type { Step } from './plan.ts';
import type { World } from './world.ts';
import { conflict, markerNotes, need } from './entra-common.ts';

const mailNickname = (name: string): string => name.replace(/[^A-Za-z0-9-]/g, '') || 'barbicandemo';

export function groupSteps(world: World): Step[] {
  const { graph, entra } = world;
  return world.desired.groupNames.flatMap((name): Step[] => {
    const state = need(entra.groups.get(name), `the group ${name}`);
    const base = { provider: 'entra', kind: 'group', name } as const;
    let step: Step;
    if (!state.found)
      step = {
        ...base,
        action: 'create',
        note: 'a security group; its object id goes into the demo policies',
        run: async () => {
          state.found = await graph.post('/groups', {
            displayName: name,
            description: MARKER_TEXT,
            mailEnabled: false,
            mailNickname: mailNickname(name),
            securityEnabled: true,
          });
          state.owned = true;
        },
      };
    else if (!state.owned) step = conflict(base, `A group named ${name} (${state.found.id})`, 'description');
    else if (!hasMarker(state.found.description)) {
      const found = state.found;
      step = {
        ...base,
        action: 'update',
        note: '--adopt: write the marker into its description',
        run: () => graph.patch(`/groups/${found.id}`, { description: markerNotes(found.description) }),
      };
    } else step = { ...base, action: 'keep' };

    const members = world.options.members.map((upn): Step => {
      const user = need(entra.users.get(upn), `the user ${upn}`);
      const memberBase = { provider: 'entra', kind: 'group-member', name: `${name} ← ${upn}` } as const;
      if (state.found && state.members.has(user.id)) return { ...memberBase, action: 'keep' };
      return {
        ...memberBase,
        action: 'create',
        run: async () => {
          const group = need(state.found, `the group ${name}`);
          // The reference names the member by a URL of the same Graph the tool talks to (MS_GRAPH_BASE_URL: a
          // national cloud has its own host), never a fixed graph.microsoft.com.
          const reference = `${graph.baseUrl}/directoryObjects/${user.id}`;
          await graph.post(`/groups/${group.id}/members/$ref`, { '@odata.id': reference }, { retryNotFound: true });
          state.members.add(user.id);
        },
      };
    });
    return [step, ...(state.found && !state.owned ? [] : members)];
  });
}
