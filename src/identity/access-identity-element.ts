/**
 * `<access-identity>`: shows who Cloudflare Access thinks the visitor is.
 *
 * Contract (ARCHITECTURE.md, "Identity element"): attributes `required-group` and `endpoint`; `data-state` is one of
 * loading | ready | signed-out | unprotected | error; every group carries `data-group`; in
 * `ready` with a required group the element carries `data-member`.
 *
 * The server renders the frame and a <template> per state (IdentityCard.astro); this class
 * fetches, picks the state, clones its template and fills values in as text. Both find each
 * other's elements through the hook map in card-hooks.ts.
 */
import { closestHook, findHook, requireHook } from './card-hooks.ts';
import type { IdentityOutcome } from './classify-answer.ts';
import { isMemberOf } from './parse-identity.ts';
import { renderIdentity } from './render-identity.ts';
import { requestIdentity } from './request-identity.ts';
import { IDENTITY_PATH } from '../access/protocol.ts';
import { copyText } from '../client/clipboard.ts';

export const DEFAULT_ENDPOINT = IDENTITY_PATH;

export class AccessIdentityElement extends HTMLElement {
  #controller: AbortController | undefined;

  static define(tag = 'access-identity', registry: CustomElementRegistry = customElements): void {
    if (!registry.get(tag)) registry.define(tag, this);
  }

  get endpoint(): string {
    return this.getAttribute('endpoint') || DEFAULT_ENDPOINT;
  }

  get requiredGroup(): string | undefined {
    return this.getAttribute('required-group')?.trim() || undefined;
  }

  connectedCallback(): void {
    this.addEventListener('click', this.#onClick);
    void this.refresh();
  }

  disconnectedCallback(): void {
    this.removeEventListener('click', this.#onClick);
    this.#controller?.abort();
  }

  /** Fetches the identity again and re-renders. A newer call supersedes one under way. */
  async refresh(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#setState('loading', 'Loading...');
    const outcome = await requestIdentity(this.endpoint, controller);
    if (controller === this.#controller) this.#render(outcome);
  }

  /** The template of a state (or of a group row): its hook is named after it. */
  #template(state: IdentityOutcome['state'] | 'group'): HTMLTemplateElement {
    return requireHook(this, state);
  }

  #setState(state: IdentityOutcome['state'] | 'loading', status: string): void {
    this.dataset['state'] = state;
    this.setAttribute('aria-busy', String(state === 'loading'));
    requireHook(this, 'status').textContent = status;
    if (state !== 'ready') delete this.dataset['member'];
  }

  #render(outcome: IdentityOutcome): void {
    const template = this.#template(outcome.state);
    let view: DocumentFragment;
    const required = this.requiredGroup;
    if (outcome.state === 'ready') {
      view = renderIdentity({ ready: template, group: this.#template('group') }, outcome.identity, required, outcome.raw);
    } else {
      view = document.importNode(template.content, true);
      requireHook(view, 'detail').textContent = outcome.detail;
      findHook(view, 'sign-in')?.setAttribute('href', location.pathname);
    }
    requireHook(this, 'body').replaceChildren(view);
    this.#setState(outcome.state, template.dataset['status'] ?? '');
    if (outcome.state === 'ready' && required) this.dataset['member'] = String(isMemberOf(outcome.identity, required));
  }

  #onClick = (event: Event): void => {
    if (closestHook(event.target, 'refresh')) void this.refresh();
    const copy = closestHook(event.target, 'copy-raw');
    if (copy) void this.#copyRaw(copy);
  };

  async #copyRaw(button: HTMLElement): Promise<void> {
    const copied = await copyText(findHook(this, 'raw')?.textContent ?? '');
    button.textContent = copied ? 'Copied' : 'Copy failed';
    setTimeout(() => (button.textContent = 'Copy JSON'), 2000);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'access-identity': AccessIdentityElement;
  }
}
