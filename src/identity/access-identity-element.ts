/**
 * `<access-identity>`: shows who Cloudflare Access thinks the visitor is.
 *
 * Contract (DESIGN.md): attributes `required-group` and `endpoint`; `data-state` is one of
 * loading | ready | signed-out | unprotected | error; every group carries `data-group`; in
 * `ready` with a required group the element carries `data-member`.
 *
 * The server renders the frame and a <template> per state (components/IdentityCard.astro);
 * this class fetches, picks the state, clones its template and fills values in as text.
 */
import { classifyAnswer, type IdentityOutcome } from './classify-answer.ts';
import { isMemberOf } from './parse-identity.ts';
import { renderIdentity } from './render-identity.ts';
import { IDENTITY_PATH } from '../access/protocol.ts';

export const DEFAULT_ENDPOINT = IDENTITY_PATH;
export const TIMEOUT_MS = 8000;

// SSR guard: the module can be imported where HTMLElement does not exist (build, tests).
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

export class AccessIdentityElement extends Base {
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
    const timer = setTimeout(() => controller.abort('timeout'), TIMEOUT_MS);
    this.#setState('loading', 'Loading...');
    let outcome: IdentityOutcome;
    try {
      const response = await fetch(this.endpoint, {
        credentials: 'same-origin',
        cache: 'no-store',
        // Access answers an expired session with a redirect to its login page; "manual" keeps
        // that from becoming an opaque cross-origin failure, and the header asks Access for a
        // 401 instead (Cloudflare docs, session management, "AJAX").
        redirect: 'manual',
        headers: { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' },
        signal: controller.signal,
      });
      const redirected = response.type === 'opaqueredirect';
      outcome = classifyAnswer({
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: redirected ? '' : await response.text(),
        redirected,
      });
    } catch {
      outcome = {
        state: 'error',
        detail: controller.signal.reason === 'timeout' ? `no answer within ${TIMEOUT_MS / 1000} seconds` : 'the network request failed',
      };
    } finally {
      clearTimeout(timer);
    }
    if (controller === this.#controller) this.#render(outcome);
  }

  #template(view: string): HTMLTemplateElement {
    return this.querySelector(`template[data-view="${view}"]`) as HTMLTemplateElement;
  }

  #setState(state: IdentityOutcome['state'] | 'loading', status: string): void {
    this.dataset['state'] = state;
    this.setAttribute('aria-busy', String(state === 'loading'));
    (this.querySelector('[data-slot="status"]') as HTMLElement).textContent = status;
    if (state !== 'ready') delete this.dataset['member'];
  }

  #render(outcome: IdentityOutcome): void {
    const template = this.#template(outcome.state);
    let view: DocumentFragment;
    const required = this.requiredGroup;
    if (outcome.state === 'ready') {
      view = renderIdentity({ ready: template, group: this.#template('group') }, outcome.identity, required, outcome.raw);
    } else {
      view = template.content.cloneNode(true) as DocumentFragment;
      (view.querySelector('[data-field="detail"]') as HTMLElement).textContent = outcome.detail;
      view.querySelector('[data-field="sign-in"]')?.setAttribute('href', location.pathname);
    }
    (this.querySelector('[data-slot="body"]') as HTMLElement).replaceChildren(view);
    this.#setState(outcome.state, template.dataset['status'] ?? '');
    if (outcome.state === 'ready' && required) this.dataset['member'] = String(isMemberOf(outcome.identity, required));
  }

  #onClick = (event: Event): void => {
    const target = (event.target as Element | null)?.closest<HTMLElement>('[data-action]');
    const action = target?.dataset['action'];
    if (action === 'refresh') void this.refresh();
    if (action === 'copy-raw' && target) void this.#copyRaw(target);
  };

  /**
   * Written here rather than imported from lib/clipboard.ts, which the docs' copy buttons use: a
   * module shared by two page scripts becomes a chunk of its own, one more request chained behind
   * this script before the card can run and start its fetch. (Rolldown can copy small common
   * chunks into their importers, but only with entry signatures off, which Astro's client build
   * does not allow.)
   */
  async #copyRaw(button: HTMLElement): Promise<void> {
    let copied = true;
    try {
      // Throws where the Clipboard API is missing (insecure context) or permission is refused.
      await navigator.clipboard.writeText(this.querySelector('[data-field="raw"]')?.textContent ?? '');
    } catch {
      copied = false;
    }
    button.textContent = copied ? 'Copied' : 'Copy failed';
    setTimeout(() => (button.textContent = 'Copy JSON'), 2000);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'access-identity': AccessIdentityElement;
  }
}
