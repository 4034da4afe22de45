/**
 * The Cloudflare steps, after Entra's, in the order apply runs them: the identity providers (and
 * the SCIM credentials they hand to Entra), then each demo's policy, then its two applications.
 */
import { appStep, policyStep } from './cloudflare-access.ts';
import { azureIdpStep, type Verdict } from './cloudflare-azure-idp.ts';
import { samlIdpStep } from './cloudflare-saml-idp.ts';
import { scimCredentialSteps } from './cloudflare-scim-handoff.ts';
import type { Step } from './plan.ts';
import type { World } from './world.ts';

export function cloudflareSteps(world: World, verdict: Verdict): Step[] {
  return [
    azureIdpStep(world, verdict),
    ...scimCredentialSteps(world, verdict),
    ...samlIdpStep(world),
    ...world.desired.demos.map((demo) => policyStep(world, demo)),
    ...world.desired.demos.flatMap((demo) => demo.apps.map((app) => appStep(world, demo, app))),
  ];
}
