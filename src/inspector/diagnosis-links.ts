/**
 * Where each diagnosis of the inspector points the reader: an entry of the troubleshooting page
 * (`/guides/troubleshooting/`, content/guides/troubleshooting.mdx). The anchors are that page's
 * headings; this module is the one place that pairs them with diagnosis codes, so a renamed
 * heading is found by one look here (and by the unit test that lists them).
 */
import { PATHS } from '../lib/site.ts';
export const TROUBLESHOOTING_PATH = PATHS.troubleshooting;

/** The troubleshooting entries, by the id of their heading. */
export const TROUBLESHOOTING_ANCHORS = [
  'denied-although-member',
  'groups-missing',
  'object-ids-instead-of-names',
  'group-overage',
  'scim-test-connection-fails',
  'users-but-no-groups',
  'membership-change-not-applied',
  'no-app-token-set',
  'not-behind-access',
  'gate-403',
  'gate-503',
  'expired-secret-or-certificate',
] as const;
export type TroubleshootingAnchor = (typeof TROUBLESHOOTING_ANCHORS)[number];

/** Diagnosis codes: the `data-diagnosis` values of the inspector's contract (ARCHITECTURE.md). */
export const DIAGNOSIS_CODES = [
  'jwt-malformed',
  'jwt-expired',
  'jwt-not-yet-valid',
  'not-access-issuer',
  'team-mismatch',
  'service-token',
  'groups-missing',
  'groups-are-object-ids',
  'group-overage',
  'idp-cannot-match-rule',
  'identity-error',
] as const;
export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

/** The entry each diagnosis links. */
export const DIAGNOSIS_ANCHORS: Record<DiagnosisCode, TroubleshootingAnchor> = {
  'jwt-malformed': 'gate-403',
  'jwt-expired': 'gate-403',
  'jwt-not-yet-valid': 'gate-403',
  'not-access-issuer': 'gate-403',
  'team-mismatch': 'gate-403',
  'service-token': 'denied-although-member',
  'groups-missing': 'groups-missing',
  'groups-are-object-ids': 'object-ids-instead-of-names',
  'group-overage': 'group-overage',
  'idp-cannot-match-rule': 'denied-although-member',
  'identity-error': 'no-app-token-set',
};

/**
 * get-identity failing because the host is not behind Access is the same diagnosis
 * (`identity-error`) with another cause, and another entry.
 */
export const UNPROTECTED_ANCHOR: TroubleshootingAnchor = 'not-behind-access';

export const troubleshootingHref = (anchor: TroubleshootingAnchor): string => `${TROUBLESHOOTING_PATH}#${anchor}`;
