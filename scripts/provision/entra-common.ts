/**
 * What the Entra steps share: the conflict step for an object the tool found but does not own,
 * the marker written into notes, and the instantiation of Entra's non-gallery application
 * template (https://learn.microsoft.com/graph/api/applicationtemplate-instantiate), which the
 * SCIM and SAML enterprise applications both start from.
 */
import { ProvisionError } from './errors.ts';
import type { ApplicationPatch, ApplicationServicePrincipal, ServicePrincipalPatch } from './graph-types.ts';
import { hasMarker, MARKER, MARKER_TEXT } from './names.ts';
import type { Step } from './plan.ts';
import type { World } from './world.ts';

/** Entra's "non-gallery application" template, which the portal's "Create your own application" uses. */
export const NON_GALLERY_TEMPLATE = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';

export const conflict = (step: Omit<Step, 'action' | 'conflict'>, what: string, field: string): Step => ({
  ...step,
  action: 'manual',
  conflict: true,
  note: `${what} exists but has no marker ${MARKER} in its ${field}: someone made it by hand (perhaps from the guides).\nRename it in the Entra admin center so the tool creates its own, or run again with --adopt to let the tool take it over (it then writes its marker and its settings into it).`,
});

export const markerNotes = (notes: string | null | undefined): string =>
  hasMarker(notes) ? (notes ?? MARKER_TEXT) : notes ? `${notes} ${MARKER_TEXT}` : MARKER_TEXT;

export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new ProvisionError(`Internal error: ${what} is not known yet; an earlier step did not run.`);
  return value;
}

/** Instantiates the non-gallery template and marks the new application and service principal as the tool's. */
export async function instantiate(
  world: World,
  displayName: string,
  spPatch: ServicePrincipalPatch,
  appPatch: ApplicationPatch,
): Promise<ApplicationServicePrincipal> {
  const { graph } = world;
  const created = await graph.post(`/applicationTemplates/${NON_GALLERY_TEMPLATE}/instantiate`, {
    displayName,
  });
  try {
    // Microsoft notes that a new application can take a few seconds to be readable: retry 404s.
    await graph.patch(`/applications/${created.application.id}`, { notes: MARKER_TEXT, ...appPatch }, { retryNotFound: true });
    await graph.patch(`/servicePrincipals/${created.servicePrincipal.id}`, { notes: MARKER_TEXT, ...spPatch }, { retryNotFound: true });
  } catch (error) {
    if (error instanceof ProvisionError)
      throw new ProvisionError(
        `${error.message} Note: the enterprise application ${displayName} (appId ${created.application.appId}) was created but could not be marked as the tool's; run again with --adopt to take it over.`,
      );
    throw error;
  }
  Object.assign(created.application, { notes: MARKER_TEXT, ...appPatch });
  Object.assign(created.servicePrincipal, { notes: MARKER_TEXT, ...spPatch });
  return created;
}
