/**
 * The identity card without a browser: IdentityCard.astro rendered by Astro's Container API
 * (https://docs.astro.build/en/reference/container-reference/) and brought to life in a
 * happy-dom window, with get-identity answered by a stub of `fetch`. The inspector's element
 * test renders and installs its window with the same helpers.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { Window } from 'happy-dom';
import { vi } from 'vitest';
import IdentityCard from '../../src/identity/IdentityCard.astro';
import { fixtureBody, type IdentityFixture } from '../../src/dev/personas/index.ts';

/** The page the card is on, as a demo page is served. */
export const PAGE_URL = 'https://barbicancloud.co.uk/scim-a/';

/** The globals the card's and the inspector's scripts use, taken from the happy-dom window. */
const DOM_GLOBALS = [
  'window',
  'document',
  'customElements',
  'location',
  'navigator',
  'localStorage',
  'HTMLElement',
  'HTMLTemplateElement',
  'HTMLTextAreaElement',
  'HTMLInputElement',
  'FormData',
  'Element',
  'Node',
  'DocumentFragment',
  'Event',
  'DOMParser',
] as const;

/** Installs a fresh happy-dom window at `url` as the global DOM; undone by vi.unstubAllGlobals(). */
export function installDom(url = PAGE_URL): Window {
  const window = new Window({ url });
  for (const name of DOM_GLOBALS) vi.stubGlobal(name, name === 'window' ? window : Reflect.get(window, name));
  return window;
}

/** A component's server-rendered HTML. */
export async function renderHtml(...args: Parameters<AstroContainer['renderToString']>): Promise<string> {
  const container = await AstroContainer.create();
  return container.renderToString(...args);
}

/** The card's server-rendered HTML, as a demo page gated by `requiredGroup` carries it. */
export function renderCardHtml(requiredGroup?: string): Promise<string> {
  return renderHtml(IdentityCard, { props: { requiredGroup } });
}

/** A `fetch` stand-in that answers get-identity with the fixture, recording each call. */
export function answerWith(fixture: IdentityFixture) {
  return vi.fn((_url: string | URL | Request, _init?: RequestInit) =>
    Promise.resolve(new Response(fixtureBody(fixture), { status: fixture.status, headers: { 'content-type': fixture.contentType } })),
  );
}
