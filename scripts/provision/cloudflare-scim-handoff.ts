/**
 * The hand-off from Cloudflare to Entra: the Azure AD provider's SCIM endpoint and the SCIM secret
 * Cloudflare shows once (when SCIM is first enabled) go straight into the Entra provisioning job's
 * Tenant URL and Secret Token, and the job is started. Graph cannot read the secret back, so the
 * SCIM service principal's notes record for which provider it was stored; that is how a later run
 * knows whether a run stopped in between.
 *
 * Sources: "Microsoft Entra ID", SCIM section (https://developers.cloudflare.com/cloudflare-one/integrations/identity-providers/entra-id/),
 * "Configure provisioning using Microsoft Graph APIs" (https://learn.microsoft.com/graph/application-provisioning-configure-api).
 */
import { azureIdp, type Verdict } from './cloudflare-azure-idp.ts';
import { CloudflareCallError, guard } from './cloudflare-client.ts';
import { ProvisionError } from './errors.ts';
import { AZURE_IDP, SCIM_APP, scimSecretLostFor, scimSecretLostNote, scimSecretNote, scimSecretStoredFor } from './names.ts';
import type { Step } from './plan.ts';
import type { World } from './world.ts';

export const regenerateManualNote = `Cloudflare shows the SCIM secret once and the API would not issue a new one. Do it by hand:\n1. Cloudflare dashboard → Zero Trust → Integrations → Identity providers → ${AZURE_IDP} → Edit → Regenerate Secret; copy the SCIM Endpoint and the SCIM Secret, then Save.\n2. Entra admin center → Enterprise apps → ${SCIM_APP} → Provisioning → Admin Credentials: Tenant URL = the SCIM Endpoint, Secret Token = the SCIM Secret; Test Connection, Save, then Start provisioning.\n3. Run apply again with --adopt: the tool cannot read the secret back, and --adopt records the credentials you set as current.`;

/**
 * Best effort: a new SCIM secret from Cloudflare, or undefined when the API has no way to issue
 * one. Only a doc comment in the SDK's types names this endpoint ("refresh it at
 * /access/identity_providers/:idpID/refresh_scim_secret"); the SDK, generated from the API's
 * schema, has no method for it, so it may well not exist. When it does not (a 404,
 * 405 or 501, or Cloudflare's "no route" codes 7000/7003), the caller lists the dashboard's
 * "Regenerate Secret" as a manual step: the path the guide describes.
 */
async function refreshedScimSecret(world: World, idpId: string): Promise<string | undefined> {
  try {
    const answer = await guard(
      world.cf.accountId,
      { doing: `issue a new SCIM secret for ${AZURE_IDP}`, area: 'identity-providers', write: true },
      () =>
        world.cloudflare.post<{ result?: { scim_config?: { secret?: string }; secret?: string } }>(
          `/accounts/${world.cf.accountId}/access/identity_providers/${idpId}/refresh_scim_secret`,
        ),
    );
    const secret = answer.result?.scim_config?.secret ?? answer.result?.secret;
    world.secrets.add(secret);
    return secret;
  } catch (error) {
    const noRoute =
      error instanceof CloudflareCallError &&
      ([404, 405, 501].includes(error.status ?? 0) || error.codes.some((code) => code === 7000 || code === 7003));
    if (noRoute) return undefined;
    throw error;
  }
}

/** What the job's credentials need, from what both sides say about the SCIM secret. */
type Handoff =
  /** The job holds the current provider's secret. */
  | 'stored'
  /** SCIM is enabled in this run: Cloudflare's answer carries the secret, straight into the job. */
  | 'first'
  /** The secret was never stored (a run stopped in between): ask Cloudflare for a new one, best effort. */
  | 'refresh'
  /** An earlier run found no API to issue a new one: the dashboard's Regenerate Secret, by hand. */
  | 'regenerate-by-hand'
  /** --adopt after doing that by hand: record the credentials set in Entra as current. */
  | 'adopt-hand-set';

function handoffOf(world: World, verdict: Verdict): Handoff {
  const { scim } = world.entra;
  const { found: idp } = azureIdp(world);
  if (idp !== undefined && idp.scimEnabled && scim.secretStoredFor === idp.id && scim.job !== undefined) return 'stored';
  if (verdict === 'create' || (idp !== undefined && !idp.scimEnabled)) return 'first';
  if (world.options.adopt && scim.job !== undefined) return 'adopt-hand-set';
  return idp !== undefined && scim.secretLostFor === idp.id ? 'regenerate-by-hand' : 'refresh';
}

export function scimCredentialSteps(world: World, verdict: Verdict): Step[] {
  if (verdict === 'conflict') return [];
  const { entra, graph } = world;
  const credentialsBase = { provider: 'entra', kind: 'scim-job', name: `${SCIM_APP}: Tenant URL and Secret Token` } as const;
  const startBase = { provider: 'entra', kind: 'scim-job', name: `${SCIM_APP}: start provisioning` } as const;
  const handoff = handoffOf(world, verdict);

  /** Writes what became of the secret into the SCIM service principal's notes (names.ts). */
  const writeNotes = async (notes: string) => {
    const sp = entra.scim.sp;
    if (!sp) throw new ProvisionError('Internal error: the SCIM service principal is not known.');
    await graph.patch(`/servicePrincipals/${sp.id}`, { notes });
    sp.notes = notes;
    entra.scim.secretStoredFor = scimSecretStoredFor(notes);
    entra.scim.secretLostFor = scimSecretLostFor(notes);
  };

  const store = async () => {
    const current = azureIdp(world).found;
    if (!current) throw new ProvisionError('Internal error: the Azure AD identity provider is not known.');
    if (handoff === 'adopt-hand-set') return writeNotes(scimSecretNote(current.id));
    const secret = world.cf.scimSecret ?? (await refreshedScimSecret(world, current.id));
    if (!secret) {
      // Remembered in the notes, so later plans list the manual step instead of asking again.
      await writeNotes(scimSecretLostNote(current.id));
      world.late.push({ ...credentialsBase, action: 'manual', note: regenerateManualNote });
      world.log('! Cloudflare issued no new SCIM secret: listed as a manual step');
      return;
    }
    if (!current.scimBaseUrl)
      throw new ProvisionError(`Cloudflare's identity provider ${AZURE_IDP} has no SCIM endpoint (scim_base_url): run the command again.`);
    const sp = entra.scim.sp;
    if (!sp) throw new ProvisionError('Internal error: the SCIM service principal is not known.');
    await graph.put(`/servicePrincipals/${sp.id}/synchronization/secrets`, {
      value: [
        { key: 'BaseAddress', value: current.scimBaseUrl },
        { key: 'SecretToken', value: secret },
      ],
    });
    delete world.cf.scimSecret;
    await writeNotes(scimSecretNote(current.id));
  };

  const CREDENTIALS_NOTE: Record<Exclude<Handoff, 'stored' | 'regenerate-by-hand'>, string> = {
    first: "Cloudflare's SCIM endpoint and its one-time SCIM secret, straight from Cloudflare's answer into the job (never printed)",
    refresh:
      'the SCIM secret Cloudflare showed once was never stored in Entra (a run stopped in between): ask Cloudflare for a new secret and store it; if the API cannot issue one, this becomes a manual step',
    'adopt-hand-set': '--adopt: take the credentials set by hand in Entra as current (the tool cannot read them back) and record that',
  };
  const credentials: Step =
    handoff === 'stored'
      ? { ...credentialsBase, action: 'keep' }
      : handoff === 'regenerate-by-hand'
        ? { ...credentialsBase, action: 'manual', note: regenerateManualNote }
        : { ...credentialsBase, action: handoff === 'first' ? 'create' : 'update', note: CREDENTIALS_NOTE[handoff], run: store };

  const active = entra.scim.job?.status?.code === 'Active';
  const start: Step =
    active && handoff === 'stored'
      ? { ...startBase, action: 'keep' }
      : handoff === 'regenerate-by-hand'
        ? {
            ...startBase,
            action: 'manual',
            note: 'Start provisioning once the Tenant URL and Secret Token are set: step 2 of the manual step above.',
          }
        : {
            ...startBase,
            action: 'update',
            note:
              handoff === 'refresh'
                ? 'start the provisioning job, once it holds a new SCIM secret (it then runs about every 40 minutes)'
                : 'start the provisioning job (it then runs about every 40 minutes)',
            run: async () => {
              const job = entra.scim.job;
              const sp = entra.scim.sp;
              if (!job || !sp) throw new ProvisionError('Internal error: the provisioning job is not known.');
              if (entra.scim.secretStoredFor !== azureIdp(world).found?.id) {
                // The credentials became a manual step in this run: so does the start.
                world.late.push({
                  ...startBase,
                  action: 'manual',
                  note: 'Start provisioning once the Tenant URL and Secret Token are set.',
                });
                return;
              }
              if (job.status?.code === 'Active') return;
              await graph.post(`/servicePrincipals/${sp.id}/synchronization/jobs/${job.id}/start`, undefined);
              job.status = { ...job.status, code: 'Active' };
            },
          };
  return [credentials, start];
}
