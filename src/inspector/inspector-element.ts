/**
 * `<access-inspector>`: reads what the reader pastes and shows what Access would see.
 *
 * Contract (ARCHITECTURE.md, "Inspector"): the inputs are `textarea[name=inspect-input]` and
 * `textarea[name=policy-input]`; the results are `[data-inspect-result]` with `data-kind` (each
 * demo's verdict `[data-demo][data-verdict]`, each diagnosis `[data-diagnosis]`) and
 * `[data-policy-result]` with `data-decision` (policy-view.ts). The server renders the frame and
 * every phrase (components/Inspector.astro); this class copies phrases and sets values as text,
 * never as HTML. Nothing pasted leaves the page: the only request it makes is "Use my current
 * session", to get-identity, when the reader asks.
 */
import { requestIdentity } from '../identity/request-identity.ts';
import { idpDisplayName, type Identity } from '../identity/parse-identity.ts';
import { fillFacts } from '../identity/identity-facts.ts';
import { IDENTITY_PATH } from '../access/protocol.ts';
import { enablePersonalise, loadValues } from '../client/personalise.ts';
import { evaluatePasted } from '../policy/evaluate.ts';
import { readDocuments, type ReadDocuments } from '../policy/read-documents.ts';
import { closestHook, findHook, requireHook } from './inspector-hooks.ts';
import { GROUP_ROWS, inspect, inspectAnswer, type InspectContext, type Report } from './inspect.ts';
import { fragment, phrasesOf, textOf, type Say } from './phrases.ts';
import { renderPolicies } from './policy-view.ts';
import { demosFrom, type DemoGateInfo } from './verdicts.ts';

/** Results follow typing after this pause; "Inspect" and "Evaluate" show them at once. */
export const DEBOUNCE_MS = 250;
const EVENTS = ['input', 'submit', 'reset', 'click'] as const;

export class AccessInspectorElement extends HTMLElement {
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** What the pending (debounced) update is for: both results, or only the policies'. */
  #pending: 'both' | 'policies' | undefined;
  #controller: AbortController | undefined;
  /** What the last input was read as: the identity the policies are evaluated for. */
  #report: Report | undefined;
  /** The last policy paste, read (reading it again for each identity would be wasted work). */
  #read: { text: string; read: ReadDocuments } | undefined;
  /**
   * The words and the demos, read once, on first use, not in connectedCallback: that runs as soon
   * as the element is in the document, before its children are parsed when the element was
   * defined first (as when the unit test sets the page's markup).
   */
  #say: Say | undefined;
  #demos: DemoGateInfo[] | undefined;

  static define(tag = 'access-inspector', registry: CustomElementRegistry = customElements): void {
    if (!registry.get(tag)) registry.define(tag, this);
  }

  connectedCallback(): void {
    for (const type of EVENTS) this.addEventListener(type, this);
    enablePersonalise(findHook(this, 'account') ?? null);
    this.dataset['ready'] = '';
  }

  disconnectedCallback(): void {
    for (const type of EVENTS) this.removeEventListener(type, this);
    this.#stop();
  }

  /** The element is its own listener (https://dom.spec.whatwg.org/#callbackdef-eventlistener). */
  handleEvent(event: Event): void {
    if (event.type === 'input') this.#onInput(event);
    else if (event.type === 'submit') this.#onSubmit(event);
    else if (event.type === 'reset') this.#onReset(event);
    else this.#onClick(event);
  }

  get #words(): Say {
    return (this.#say ??= phrasesOf(requireHook(this, 'words')));
  }

  #context(): InspectContext {
    return {
      demos: (this.#demos ??= demosFrom(requireHook(this, 'demos').textContent)),
      nowMs: Date.now(),
      savedTeam: loadValues().team,
    };
  }

  /** Inspects both fields now. */
  inspectInput(): void {
    this.#stop();
    this.#show(inspect(requireHook(this, 'inspect-input').value, this.#context()), true);
  }

  /** Evaluates the pasted policies now, for the identity last inspected. */
  evaluatePolicies(): void {
    this.#stop();
    this.#status(this.#policies(requireHook(this, 'policy-input').value));
  }

  /** Fetches the reader's own identity from get-identity and inspects it. */
  async inspectSession(): Promise<void> {
    this.#stop();
    const controller = new AbortController();
    this.#controller = controller;
    this.#status(this.#words.text('status:loading'));
    const outcome = await requestIdentity(IDENTITY_PATH, controller);
    if (controller === this.#controller) this.#show(inspectAnswer(outcome, this.#context()), true);
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#pending = undefined;
    this.#controller?.abort();
  }

  #status(text: string): void {
    requireHook(this, 'status').textContent = text;
  }

  /** Shows the report, and the policies evaluated for it; the status line says both (the policies only when some were pasted). */
  #show(report: Report | undefined, policies: boolean, policyText = requireHook(this, 'policy-input').value): void {
    this.#report = report;
    const said = [this.#render(report)];
    if (policies) said.push(this.#policies(policyText));
    this.#status(said.filter(Boolean).join(' '));
  }

  /** Renders the policy result; the sentence for the status line when something was pasted. */
  #policies(text: string): string {
    if (this.#read?.text !== text) this.#read = { text, read: readDocuments(text) };
    const { read } = this.#read;
    const said = renderPolicies(this.#words, requireHook(this, 'policy-result'), read, evaluatePasted(read, this.#report?.who));
    return read.empty ? '' : said;
  }

  #render(report: Report | undefined): string {
    const say = this.#words;
    const result = requireHook(this, 'result');
    if (!report) {
      delete result.dataset['kind'];
      result.replaceChildren(say('empty'));
      return '';
    }
    const variant =
      report.kind === 'identity-error'
        ? `${report.kind}:${report.cause ?? 'error'}`
        : report.kind === 'invalid' && report.diagnoses.length
          ? 'invalid:malformed'
          : report.kind;
    const summary = say(`summary:${variant}`, { team: report.team ?? '' });
    const parts: Node[] = [summary];
    if (report.claims) parts.push(this.#claims(report));
    if (report.identity) parts.push(this.#identity(report.identity));
    if (report.verdicts) parts.push(this.#verdicts(report));
    const count = report.diagnoses.length;
    parts.push(
      say('diagnoses', {
        count,
        list: fragment(
          report.diagnoses.map(
            ({ code, detail }) => say.maybe(`diagnosis:${code}:${report.cause ?? ''}`, { detail }) ?? say(`diagnosis:${code}`, { detail }),
          ),
        ),
      }),
    );
    result.dataset['kind'] = report.kind;
    result.replaceChildren(...parts);
    const findings = count ? say.text('status:findings', { count, many: count !== 1 }) : say.text('status:clean');
    return `${textOf(requireHook(summary, 'heading'))}. ${findings}`;
  }

  #claims({ kind, header, claims = [], team = '' }: Report): Node {
    const say = this.#words;
    // `claim:access:…`, `claim:entra:…`; every issuer falls back to `claim:any:…`.
    const issuer = kind.replace('-jwt', '');
    const rows = claims.map((claim) =>
      say('claim', {
        name: claim.name,
        value: claim.time ? `${claim.time.iso} (${claim.time.relative})` : claim.value,
        // Explanations by claim name, looked up by name (never a selector built from the input).
        meaning: say.maybe(`claim:${issuer}:${claim.name}`, { team }) ?? say.maybe(`claim:any:${claim.name}`) ?? say('claim:other'),
      }),
    );
    const none = '(none)';
    return say('token', { alg: header?.alg ?? none, kid: header?.kid ?? none, typ: header?.typ ?? none, claims: fragment(rows) });
  }

  #identity(identity: Identity): Node {
    const say = this.#words;
    const groups = identity.groups.slice(0, GROUP_ROWS).map((group) => say('group', { label: group.label, id: group.idOnly }));
    const view = say('identity', { count: identity.groups.length, groups: fragment(groups), more: identity.groups.length > GROUP_ROWS });
    fillFacts(view, identity);
    return view;
  }

  #verdicts({ verdicts = [], identity }: Report): Node {
    const say = this.#words;
    const via = idpDisplayName(identity?.idpType);
    const rows = verdicts.map(({ slug, verdict, reason }) => {
      const row = say(`demo:${slug}`, { [`verdict:${verdict}`]: true, [`why:${reason}`]: true, via });
      row.dataset['verdict'] = verdict;
      return row;
    });
    return say('verdicts', { rows: fragment(rows) });
  }

  #onInput(event: Event): void {
    const target = event.target;
    const identity = target === findHook(this, 'inspect-input');
    if (!identity && target !== findHook(this, 'policy-input')) return;
    // Typing in the token field changes the identity, and so the policies' result too.
    this.#pending = this.#pending === 'both' || identity ? 'both' : 'policies';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.#pending === 'both' ? this.inspectInput() : this.evaluatePolicies()), DEBOUNCE_MS);
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (event.target === findHook(this, 'account')) return;
    this.inspectInput();
  }

  #onReset(event: Event): void {
    // The reset event comes before the form's fields are emptied: render as they will be.
    if (event.target === findHook(this, 'inspect-form')) {
      this.#stop();
      this.#show(undefined, true);
    } else if (event.target === findHook(this, 'policy-form')) {
      this.#stop();
      this.#status(this.#policies(''));
    }
  }

  #onClick(event: Event): void {
    const target = closestHook(event.target, 'session');
    if (!target) return;
    // The result's own "use my current session" button is replaced by the result: keep the
    // keyboard where it was, on the form's button that does the same.
    void this.inspectSession().then(() => {
      if (!target.isConnected && document.activeElement === document.body) findHook(requireHook(this, 'inspect-form'), 'session')?.focus();
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'access-inspector': AccessInspectorElement;
  }
}
