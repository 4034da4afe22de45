/**
 * Frontmatter of one demo page (`content/demos/<slug>.mdx`). The single source of truth for
 * what a demo is: the home page cards, the routing table, the gate and the identity card all
 * read these fields.
 */
import { z } from 'astro/zod';

/** Paths the site itself owns; a demo may not take them as its slug. */
export const RESERVED_SLUGS = ['guides', 'cdn-cgi', '_astro', 'api', 'assets', 'www', '404'] as const;

export const groupGateSchema = z
  .object({
    /** Display name of the Entra group, as the Access policy and get-identity show it. */
    group: z.string().trim().min(1, 'gate.group must name the Entra group, e.g. CF-Demo-Group-A'),
    /** The Access policy selector used, as labelled in the Zero Trust dashboard. */
    selector: z.string().trim().min(1).default('Azure Groups'),
  })
  .strict();

export const anyUserGateSchema = z.literal('any-signed-in-user');

export const demoSchema = z
  .object({
    title: z.string().trim().min(1),
    protocol: z.enum(['OIDC', 'SAML', 'SCIM']),
    /** Who may enter: one Entra group, or anyone who signs in through the identity provider. */
    gate: z.union([anyUserGateSchema, groupGateSchema], {
      error: 'gate must be "any-signed-in-user" or { group: "<Entra group name>" }',
    }),
    /** The route: `/<slug>/` on the apex and `<slug>.<domain>` as a subdomain. */
    slug: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'slug must be lower-case letters, digits and hyphens (a valid DNS label)')
      .refine((slug) => !(RESERVED_SLUGS as readonly string[]).includes(slug), 'slug is reserved by the site'),
    summary: z.string().trim().min(1).max(300),
    order: z.number().int().nonnegative(),
    description: z.string().trim().max(200).optional(),
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
