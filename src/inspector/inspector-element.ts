/**
 * `<access-inspector>`: reads what the reader pastes and shows what Access would see.
 *
 * Contract (ARCHITECTURE.md, "Inspector"): the input is `textarea[name=inspect-input]`; the
 * result is `[data-inspect-result]` with `data-kind`; each demo's verdict is `[data-demo]` with
 * `data-verdict`; each diagnosis is `[data-diagnosis]`. The server renders the form and a
 * <template> for every part of a result (components/Inspector.astro); this class clones them
 * and sets values as text, never as HTML. Nothing pasted leaves the page: the only request it
 * makes is "Use my current session", to get-identity, when the reader asks.
 */
import { requestIdentity } from '../identity/request-identity.ts';
import { idpDisplayName } from '../identity/parse-identity.ts';
import { relativeTime } from '../identity/relative-time.ts';
import { IDENTITY_PATH } from '../access/protocol.ts';
import { loadValues } from '../client/personalise.ts';
import { troubleshootingHref } from './diagnosis-links.ts';
import { GROUP_ROWS, inspect, inspectAnswer, type InspectContext, type Report } from './inspect.ts';
import { gatesFromData, type DemoGateInfo } from './verdicts.ts';

/** Results follow typing after this pause; "Inspect" shows them at once. */
export const DEBOUNCE_MS = 250;

type Scope = DocumentFragment | Element;
const field = (scope: Scope, name: string) => scope.querySelector<HTMLElement>(`[data-field="${name}"]`);
const setField = (scope: Scope, name: string, value: string) => {
  for (const element of scope.querySelectorAll(`[data-field="${name}"]`)) element.textContent = value;
};

export class AccessInspectorElement extends HTMLElement {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | undefined;
  /**
   * The demos' gates, from the server-rendered verdict rows (the build reads the frontmatter).
   * Read once, on first use, not in connectedCallback: that runs as soon as the element is in the
   * document, before its children are parsed when the element was defined first (as when the
   * unit test sets the page's markup).
   */
  #demos: DemoGateInfo[] | undefined;

  static define(tag = 'access-inspector', registry: CustomElementRegistry = customElements): void {
    if (!registry.get(tag)) registry.define(tag, this);
  }

  get #input(): HTMLTextAreaElement {
    return this.querySelector('textarea[name="inspect-input"]') as HTMLTextAreaElement;
  }

  connectedCallback(): void {
    this.addEventListener('input', this.#onInput);
    this.addEventListener('submit', this.#onSubmit);
    this.addEventListener('reset', this.#onReset);
    this.addEventListener('click', this.#onClick);
    this.dataset['ready'] = '';
  }

  disconnectedCallback(): void {
    this.removeEventListener('input', this.#onInput);
    this.removeEventListener('submit', this.#onSubmit);
    this.removeEventListener('reset', this.#onReset);
    this.removeEventListener('click', this.#onClick);
    clearTimeout(this.#timer);
    this.#controller?.abort();
  }

  #context(): InspectContext {
    return {
      demos: (this.#demos ??= gatesFromData(
        [...this.#template('verdicts').content.querySelectorAll<HTMLElement>('[data-demo]')].map((row) => row.dataset),
      )),
      nowMs: Date.now(),
      savedTeam: loadValues().team,
    };
  }

  /** Inspects the text area's content now. */
  inspectInput(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#render(inspect(this.#input.value, this.#context()));
  }

  /** Fetches the reader's own identity from get-identity and inspects it. */
  async inspectSession(): Promise<void> {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#status(this.#template('loading').dataset['status'] ?? '');
    const outcome = await requestIdentity(IDENTITY_PATH, controller);
    if (controller === this.#controller) this.#render(inspectAnswer(outcome, this.#context()));
  }

  #template(view: string): HTMLTemplateElement {
    return this.querySelector(`template[data-view="${view}"]`) as HTMLTemplateElement;
  }

  #clone(view: string): DocumentFragment {
    return this.#template(view).content.cloneNode(true) as DocumentFragment;
  }

  #status(text: string): void {
    (this.querySelector('[data-slot="status"]') as HTMLElement).textContent = text;
  }

  #render(report: Report | undefined): void {
    const result = this.querySelector('[data-inspect-result]') as HTMLElement;
    if (!report) {
      delete result.dataset['kind'];
      result.replaceChildren(this.#clone('empty'));
      this.#status('');
      return;
    }
    const view = this.#clone('summary');
    const variant =
      report.kind === 'identity-error'
        ? `${report.kind}:${report.cause}`
        : report.kind === 'invalid' && report.diagnoses.length
          ? 'invalid:malformed'
          : report.kind;
    for (const part of view.querySelectorAll<HTMLElement>('[data-summary]')) if (part.dataset['summary'] !== variant) part.remove();
    setField(view, 'team', report.team ?? '');
    if (report.claims) view.append(this.#claims(report));
    if (report.identity) view.append(this.#identity(report));
    if (report.verdicts) view.append(this.#verdicts(report));
    view.append(this.#diagnoses(report));
    result.dataset['kind'] = report.kind;
    result.replaceChildren(view);
    const heading = result.querySelector('h2')?.textContent ?? '';
    const count = report.diagnoses.length;
    this.#status(`${heading}. ${count === 0 ? 'No problems found' : `${count} finding${count === 1 ? '' : 's'}`}.`);
  }

  #claims(report: Report): DocumentFragment {
    const view = this.#clone('token');
    setField(view, 'alg', report.header?.alg ?? '(none)');
    setField(view, 'kid', report.header?.kid ?? '(none)');
    setField(view, 'typ', report.header?.typ ?? '(none)');
    // Explanations by claim name, looked up in a map (never a selector built from the input).
    const meanings = new Map<string, Element>();
    for (const element of this.#template('meanings').content.querySelectorAll('[data-claim]'))
      meanings.set(element.getAttribute('data-claim') ?? '', element);
    const issuer = report.kind === 'access-jwt' ? 'access' : report.kind === 'entra-jwt' ? 'entra' : 'any';
    const list = field(view, 'claims') as HTMLElement;
    const rowTemplate = this.#template('claim');
    for (const claim of report.claims ?? []) {
      const row = rowTemplate.content.cloneNode(true) as DocumentFragment;
      setField(row, 'name', claim.name);
      setField(row, 'value', claim.time ? `${claim.time.iso} (${claim.time.relative})` : claim.value);
      const meaning = meanings.get(`${issuer}:${claim.name}`) ?? meanings.get(`any:${claim.name}`) ?? meanings.get('other');
      (field(row, 'meaning') as HTMLElement).replaceChildren(...(meaning?.cloneNode(true).childNodes ?? []));
      setField(row, 'team', report.team ?? '');
      list.append(row);
    }
    return view;
  }

  #identity(report: Report): DocumentFragment {
    const identity = report.identity;
    const view = this.#clone('identity');
    if (!identity) return view;
    const put = (name: string, value: string | undefined) => {
      const element = field(view, name);
      if (!element) return;
      element.textContent = value ?? 'Not provided';
      if (value === undefined) element.classList.add('in-absent');
    };
    put('name', identity.name);
    put('email', identity.email);
    put('idp', idpDisplayName(identity.idpType));
    put('issued', identity.issuedAt ? relativeTime(identity.issuedAt, Date.now()) : undefined);
    put('country', identity.country);
    setField(view, 'count', String(identity.groups.length));
    const list = field(view, 'groups') as HTMLElement;
    const item = this.#template('group').content.firstElementChild as Element;
    for (const group of identity.groups.slice(0, GROUP_ROWS)) {
      const row = item.cloneNode(true) as Element;
      setField(row, 'label', group.label);
      if (!group.idOnly) row.querySelector('[data-if="id"]')?.remove();
      list.append(row);
    }
    if (identity.groups.length <= GROUP_ROWS) view.querySelector('[data-if="more"]')?.remove();
    if (identity.groups.length === 0) list.remove();
    return view;
  }

  #verdicts(report: Report): DocumentFragment {
    const view = this.#clone('verdicts');
    const reasons = this.#clone('reasons');
    const provider = idpDisplayName(report.identity?.idpType) ?? 'an unknown provider';
    for (const verdict of report.verdicts ?? []) {
      const row = [...view.querySelectorAll<HTMLElement>('[data-demo]')].find((element) => element.dataset['demo'] === verdict.slug);
      if (!row) continue;
      row.dataset['verdict'] = verdict.verdict;
      setField(row, 'verdict', reasons.querySelector(`[data-word="${verdict.verdict}"]`)?.textContent ?? verdict.verdict);
      const selector = row.dataset['gateSelector'] ?? 'any';
      const reason =
        reasons.querySelector(`[data-reason="${verdict.reason}"][data-selector="${selector}"]`) ??
        reasons.querySelector(`[data-reason="${verdict.reason}"]:not([data-selector])`);
      const text = reason?.cloneNode(true) as Element | undefined;
      if (text) {
        setField(text, 'group', row.dataset['gateGroup'] ?? '');
        setField(text, 'attribute', row.dataset['gateAttribute'] ?? '');
        setField(text, 'provider', provider);
        (field(row, 'reason') as HTMLElement).replaceChildren(...text.childNodes);
      }
    }
    return view;
  }

  #diagnoses(report: Report): DocumentFragment {
    const view = this.#clone('diagnoses');
    const list = field(view, 'diagnoses') as HTMLElement;
    const all = this.#template('diagnosis').content;
    for (const found of report.diagnoses) {
      const item = [...all.querySelectorAll<HTMLElement>('[data-diagnosis]')]
        .find((element) => element.dataset['diagnosis'] === found.code)
        ?.cloneNode(true) as HTMLElement | undefined;
      if (!item) continue;
      setField(item, 'detail', found.detail ?? '');
      item.querySelector('a[data-field="fix"]')?.setAttribute('href', troubleshootingHref(found.anchor));
      list.append(item);
    }
    if (report.diagnoses.length > 0) view.querySelector('[data-if="none"]')?.remove();
    else list.remove();
    return view;
  }

  #onInput = (event: Event): void => {
    if (!(event.target instanceof HTMLTextAreaElement)) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.inspectInput(), DEBOUNCE_MS);
  };

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    this.inspectInput();
  };

  #onReset = (): void => {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#render(undefined);
  };

  #onClick = (event: Event): void => {
    const target = (event.target as Element | null)?.closest<HTMLElement>('[data-action="session"]');
    if (!target) return;
    // The result's own "use my current session" button is replaced by the result: keep the
    // keyboard where it was, on the form's button that does the same.
    void this.inspectSession().then(() => {
      if (!target.isConnected && document.activeElement === document.body)
        this.querySelector<HTMLElement>('form [data-action="session"]')?.focus();
    });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'access-inspector': AccessInspectorElement;
  }
}
