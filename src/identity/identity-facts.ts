/**
 * The identity's facts (name, email, provider, when it signed in, country, WARP, Gateway,
 * device) as one view, shared by the identity card and the inspector: the markup is
 * IdentityFacts.astro, this fills it, identity-view.css styles it. Values go in as text only.
 */
import { defineHooks } from '../client/hooks.ts';
import { idpDisplayName, type Identity } from './parse-identity.ts';
import { relativeTime } from './relative-time.ts';

/** The facts' hooks: both elements' hook maps include them. */
export const FACT_HOOKS = ['name', 'email', 'idp', 'issued', 'country', 'warp', 'gateway', 'device', 'device-row'] as const;
export type FactHook = (typeof FACT_HOOKS)[number];

export const { hook: factHook, requireHook: requireFact } = defineHooks<Record<never, never>, FactHook>('identity facts', {});

function setText(element: Element, value: string | undefined): void {
  element.textContent = value ?? 'Not provided';
  if (value === undefined) element.classList.add('ai-absent');
}

function issuedAt(seconds: number | undefined, nowMs: number): HTMLTimeElement | undefined {
  const date = new Date((seconds ?? NaN) * 1000);
  if (Number.isNaN(date.getTime())) return undefined;
  const time = document.createElement('time');
  time.dateTime = date.toISOString();
  time.title = date.toUTCString();
  time.textContent = relativeTime(seconds ?? 0, nowMs);
  return time;
}

const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'Yes' : 'No');

/** Fills the facts inside `view` (a copy of the markup IdentityFacts.astro renders). */
export function fillFacts(view: ParentNode, identity: Identity, nowMs = Date.now()): void {
  setText(requireFact(view, 'name'), identity.name);
  setText(requireFact(view, 'email'), identity.email);
  setText(requireFact(view, 'idp'), idpDisplayName(identity.idpType));
  const time = issuedAt(identity.issuedAt, nowMs);
  if (time) requireFact(view, 'issued').append(time);
  else setText(requireFact(view, 'issued'), undefined);
  setText(requireFact(view, 'country'), identity.country);
  setText(requireFact(view, 'warp'), yesNo(identity.isWarp));
  setText(requireFact(view, 'gateway'), yesNo(identity.isGateway));
  if (identity.deviceId) setText(requireFact(view, 'device'), identity.deviceId);
  else requireFact(view, 'device-row').remove();
}
