/**
 * Frontmatter of one demo page (`content/demos/<slug>.mdx`). The single source of truth for
 * what a demo is: the home page cards, the routing table, the gate and the identity card all
 * read these fields.
 */
import { z } from 'astro/zod';
import { ENTRA_SAML_GROUPS_CLAIM } from '../identity/parse-identity.ts';
import { checkedAgainstSchema, DEMO_CHECKED_AGAINST, verifiedSchema } from './verified.ts';

/**
 * Paths the site itself owns; a demo may not take them as its slug, or `/<slug>/` would answer
 * with the demo instead of them (or the other way round). `cdn-cgi` is Cloudflare's own path on
 * every zone (https://developers.cloudflare.com/fundamentals/reference/cdn-cgi-endpoint/); the
 * rest are this site's routes and build folders. A demo may not take a guide's name either
 * (src/lib/public-guides.ts checks that, where both collections are read).
 */
export const RESERVED_SLUGS = ['guides', 'inspect', 'search', 'pagefind', 'cdn-cgi', '_astro', 'api', 'assets', 'www', '404'] as const;

/**
 * The `##` sections every demo page's MDX must have, in any order and any letter case. The build
 * fails, naming the file and the missing heading, when one is absent
 * (src/markdown/rehype-required-sections.ts). The demo layout adds "Your Identity" and "Routing".
 */
export const REQUIRED_DEMO_SECTIONS = [
  'How this works',
  'Entra configuration',
  'Cloudflare configuration',
  'Verify it works',
  'Troubleshooting',
  'Sources',
] as const;

/**
 * The Access policy selectors a demo can be gated by. Each reads groups from a different place,
 * which the gate label, the inspector's verdicts and the guides all depend on:
 * - `azure-groups`: the Azure Groups rule; it "requires an Azure identity provider", so only a
 *   sign-in through the Azure AD (OIDC) connector can match it
 *   (https://developers.cloudflare.com/cloudflare-one/integrations/identity-providers/entra-id/);
 * - `saml-group`: the SAML Group rule, an attribute name and value in a SAML provider's assertion
 *   (https://developers.cloudflare.com/cloudflare-one/api-terraform/access-api-examples/saml-attribute/).
 */
export const GATE_SELECTORS = {
  'azure-groups': { label: 'Azure Groups', provider: 'Azure AD (OIDC)' },
  'saml-group': { label: 'SAML Group', provider: 'SAML' },
} as const;
export type GateSelector = keyof typeof GATE_SELECTORS;

export const groupGateSchema = z
  .object({
    /** Display name of the Entra group, as the Access policy and get-identity show it. */
    group: z.string().trim().min(1, 'gate.group must name the Entra group, e.g. CF-Demo-Group-A'),
    /** The Access policy selector that gates the page. */
    selector: z
      .enum(Object.keys(GATE_SELECTORS) as [GateSelector, ...GateSelector[]], {
        error: `gate.selector must be one of: ${Object.keys(GATE_SELECTORS).join(', ')}`,
      })
      .default('azure-groups'),
    /**
     * For `saml-group`: the SAML attribute the rule reads; defaults to Entra's groups claim
     * (Microsoft Learn, "SAML token claims reference").
     */
    attribute: z.string().trim().min(1).optional(),
  })
  .strict()
  .refine((gate) => gate.selector === 'saml-group' || gate.attribute === undefined, {
    message: 'gate.attribute applies only to selector saml-group',
    path: ['attribute'],
  })
  .transform((gate) => (gate.selector === 'saml-group' ? { ...gate, attribute: gate.attribute ?? ENTRA_SAML_GROUPS_CLAIM } : gate));

export const anyUserGateSchema = z.literal('any-signed-in-user');

const GATE_MESSAGE = 'gate must be "any-signed-in-user" or { group: "<Entra group name>" }';

/**
 * Who may enter. A string can only be the literal; an object is checked as a group gate, so its
 * own messages (gate.selector, gate.attribute) reach the author instead of a generic union error.
 */
export const gateSchema = z.unknown().transform((value, ctx) => {
  const isObject = typeof value === 'object' && value !== null;
  const result = isObject ? groupGateSchema.safeParse(value) : anyUserGateSchema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: isObject ? issue.message : GATE_MESSAGE });
  }
  return z.NEVER;
});

export const demoSchema = z
  .object({
    title: z.string().trim().min(1),
    protocol: z.enum(['OIDC', 'SAML', 'SCIM']),
    /** Who may enter: one Entra group, or anyone who signs in through the identity provider. */
    gate: gateSchema,
    /** The route: `/<slug>/` on the apex and `<slug>.<domain>` as a subdomain. */
    slug: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'slug must be lower-case letters, digits and hyphens (a valid DNS label)')
      .refine((slug) => !(RESERVED_SLUGS as readonly string[]).includes(slug), {
        error: (issue) =>
          `slug "${String(issue.input)}" is reserved by the site (it owns /${String(issue.input)}/); reserved: ${RESERVED_SLUGS.join(', ')}`,
      }),
    summary: z.string().trim().min(1).max(300),
    order: z.number().int().nonnegative(),
    description: z.string().trim().max(200).optional(),
    /** The day the page was last checked against the documentation it cites (YYYY-MM-DD). */
    verified: verifiedSchema,
    /** Whose documentation it was checked against; every demo page is a configuration page. */
    checkedAgainst: checkedAgainstSchema.default(DEMO_CHECKED_AGAINST),
  })
  .strict();

export type DemoFrontmatter = z.infer<typeof demoSchema>;
export type DemoGate = DemoFrontmatter['gate'];

/** The group a visitor must be in, or undefined when any signed-in user may enter. */
export function requiredGroup(gate: DemoGate): string | undefined {
  return typeof gate === 'string' ? undefined : gate.group;
}

export function gateLabel(gate: DemoGate): string {
  return typeof gate === 'string' ? 'Any signed-in user' : `Members of ${gate.group}`;
}

/** The dashboard's name for the selector that gates the page, e.g. "Azure Groups". */
export function selectorLabel(gate: DemoGate): string | undefined {
  return typeof gate === 'string' ? undefined : GATE_SELECTORS[gate.selector].label;
}
