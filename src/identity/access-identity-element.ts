/**
 * `<access-identity>`: shows who Cloudflare Access thinks the visitor is.
 *
 * Contract (DESIGN.md): attributes `required-group` and `endpoint`; `data-state` is one of
 * loading | ready | signed-out | unprotected | error; every group carries `data-group`; in
 * `ready` with a required group the element carries `data-member`.
 *
 * The server renders the element's frame (status line, body slot, actions) so nothing moves
 * when the answer arrives; this class only fills the body and toggles states.
 */
import { copyText } from '../lib/clipboard.ts';
import { h } from '../lib/dom.ts';
import { classifyAnswer, type IdentityOutcome } from './classify-answer.ts';
import { isMemberOf } from './parse-identity.ts';
import { renderIdentity } from './render-identity.ts';

export const DEFAULT_ENDPOINT = '/cdn-cgi/access/get-identity';
export const TIMEOUT_MS = 8000;

export type IdentityState = 'loading' | IdentityOutcome['state'];

const STATUS_TEXT: Record<IdentityState, string> = {
  loading: 'Asking Cloudflare Access who you are…',
  ready: 'Signed in through Cloudflare Access.',
  'signed-out': 'You are not signed in.',
  unprotected: 'Not behind Cloudflare Access.',
  error: 'Could not load your identity.',
};

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

  /** Fetches the identity again and re-renders. Safe to call while a fetch is under way. */
  async refresh(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), TIMEOUT_MS);
    this.#setState('loading');
    let outcome: IdentityOutcome;
    try {
      const response = await fetch(this.endpoint, {
        credentials: 'same-origin',
        cache: 'no-store',
        // Access answers an expired session with a redirect to its login page; "manual" keeps
        // that from turning into an opaque cross-origin failure, and the header asks Access for
        // a 401 instead (Cloudflare docs, session management, "AJAX").
        redirect: 'manual',
        headers: { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' },
        signal: controller.signal,
      });
      outcome = classifyAnswer({
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: response.type === 'opaqueredirect' ? '' : await response.text(),
        redirected: response.type === 'opaqueredirect',
      });
    } catch (error) {
      if (controller !== this.#controller) return; // superseded by a newer refresh
      const timedOut = controller.signal.reason instanceof DOMException && controller.signal.reason.name === 'TimeoutError';
      outcome = {
        state: 'error',
        reason: timedOut
          ? `Cloudflare Access did not answer within ${TIMEOUT_MS / 1000} seconds.`
          : 'The network request for your identity failed.',
      };
    } finally {
      clearTimeout(timer);
    }
    if (controller !== this.#controller) return;
    this.#render(outcome);
  }

  #slot(name: string): HTMLElement | null {
    return this.querySelector<HTMLElement>(`[data-slot="${name}"]`);
  }

  #setState(state: IdentityState): void {
    this.dataset['state'] = state;
    this.setAttribute('aria-busy', String(state === 'loading'));
    const status = this.#slot('status');
    if (status) status.textContent = STATUS_TEXT[state];
    if (state !== 'ready') delete this.dataset['member'];
  }

  #render(outcome: IdentityOutcome): void {
    const body = this.#slot('body');
    if (!body) return;
    if (outcome.state === 'ready') {
      const required = this.requiredGroup;
      body.replaceChildren(renderIdentity(outcome.identity, required), this.#rawAnswer(outcome.raw));
      if (required) this.dataset['member'] = String(isMemberOf(outcome.identity, required));
      else delete this.dataset['member'];
    } else {
      body.replaceChildren(this.#explanation(outcome));
    }
    this.#setState(outcome.state);
    this.dispatchEvent(new CustomEvent('access-identity:change', { bubbles: true, detail: { state: outcome.state } }));
  }

  #explanation(outcome: Exclude<IdentityOutcome, { state: 'ready' }>): HTMLElement {
    const box = h('div', { class: `ai-message ai-message--${outcome.state}` }, h('p', {}, outcome.reason));
    if (outcome.state === 'signed-out') {
      box.append(h('p', {}, h('a', { href: location.pathname, class: 'ai-button' }, 'Sign in with Cloudflare Access')));
    } else if (outcome.state === 'unprotected') {
      box.append(
        h('p', {}, 'On the deployed site Access answers this request at the edge. Locally, run `npm run dev` to see a sample identity.'),
      );
    } else {
      box.append(h('p', {}, h('button', { type: 'button', class: 'ai-button', 'data-action': 'refresh' }, 'Try again')));
    }
    return box;
  }

  #rawAnswer(raw: unknown): HTMLElement {
    const json = JSON.stringify(raw, null, 2);
    return h(
      'details',
      { class: 'ai-raw' },
      h('summary', {}, 'Raw answer'),
      h('button', { type: 'button', class: 'ai-button ai-button--small', 'data-action': 'copy-raw' }, 'Copy JSON'),
      h('pre', { tabindex: '0' }, h('code', {}, json)),
    );
  }

  #onClick = (event: Event): void => {
    const target = (event.target as Element | null)?.closest<HTMLElement>('[data-action]');
    if (!target || !this.contains(target)) return;
    const action = target.dataset['action'];
    if (action === 'refresh') void this.refresh();
    if (action === 'copy-raw') {
      const code = this.querySelector('.ai-raw code');
      void copyText(code?.textContent ?? '').then((ok) => {
        target.textContent = ok ? 'Copied' : 'Copy failed';
        setTimeout(() => (target.textContent = 'Copy JSON'), 2000);
      });
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'access-identity': AccessIdentityElement;
  }
}
