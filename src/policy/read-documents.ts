/**
 * What was pasted into the policy field, sorted by shape: each JSON document (json-documents.ts)
 * with or without the API's `{ success, errors, messages, result }` envelope, holding a list of
 * policies, one policy, an application with its policies, a list of rule groups or a list of
 * identity providers (api-types.ts). What cannot be used is reported with the reason, never
 * dropped silently. Never throws.
 */
import { isRecord, text, type Json } from '../identity/parse-identity.ts';
import { readJsonDocuments, type JsonProblem } from './json-documents.ts';
import {
  list,
  readApplication,
  readPolicy,
  readProvider,
  readRuleGroup,
  type Application,
  type Policy,
  type Provider,
  type RuleGroup,
} from './read-policies.ts';

/** What the engine evaluates. */
export interface PolicyInput {
  /**
   * The policies to evaluate, as given: the application's when one was pasted (its references
   * resolved from the pasted policies), else every pasted policy.
   */
  policies: Policy[];
  application?: Application;
  groups: RuleGroup[];
  providers: Provider[];
}

export type IgnoredReason =
  /** The API answered an error (`success: false`); `detail` has its first message. */
  | 'api-error'
  /** Not a policy, application, rule group or identity provider; `detail` says what it is. */
  | 'unrecognised'
  /** A policy whose decision is missing or not one the API has; `detail` is the decision. */
  | 'bad-decision'
  /** Only the first application pasted is evaluated. */
  | 'second-application'
  /** A policy that is not one of the pasted application's; `detail` is its name. */
  | 'not-attached'
  /** The application names a policy by id whose rules were not pasted; `detail` is the id. */
  | 'missing-policy';

/** Where something was pasted: 1-based, the document (starting on `line`) and the item of its list. */
interface Place {
  document: number;
  item?: number;
  line: number;
}

export interface Ignored extends Place {
  reason: IgnoredReason;
  detail?: string;
}

export interface ReadDocuments extends PolicyInput {
  /** Nothing but whitespace was pasted. */
  empty: boolean;
  counts: { policies: number; applications: number; groups: number; providers: number };
  ignored: Ignored[];
  problems: JsonProblem[];
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return isRecord(value) ? 'an object' : `a ${typeof value}`;
}

/** The first error of an API answer that failed, e.g. "Authentication error (10000)". */
function apiError(envelope: Json): string {
  const first = list(envelope['errors'])[0];
  if (!isRecord(first)) return 'success: false';
  const message = text(first['message']) ?? 'an error';
  const code = text(first['code']);
  return code ? `${message} (${code})` : message;
}

const isEnvelope = (value: Json) => 'result' in value && ('success' in value || 'errors' in value || 'messages' in value);

type Shape = 'application' | 'policy' | 'group' | 'provider';

function shapeOf(record: Json): Shape | undefined {
  if (Array.isArray(record['policies']) || 'allowed_idps' in record || ('aud' in record && 'domain' in record)) return 'application';
  if ('decision' in record) return 'policy';
  if ('include' in record) return 'group';
  if (typeof record['type'] === 'string' && ('config' in record || 'name' in record)) return 'provider';
  return undefined;
}

export function readDocuments(input: string): ReadDocuments {
  const { documents, problems } = readJsonDocuments(input);
  const pasted: { policy: Policy; place: Place }[] = [];
  const groups: RuleGroup[] = [];
  const providers: Provider[] = [];
  const ignored: Ignored[] = [];
  let application: { application: Application; place: Place } | undefined;

  documents.forEach(({ value, line }, d) => {
    const document = d + 1;
    const place = (item: number | undefined): Place => ({ document, line, ...(item === undefined ? {} : { item }) });
    const skip = (reason: IgnoredReason, detail?: string, item?: number): void => {
      ignored.push({ ...place(item), reason, ...(detail === undefined ? {} : { detail }) });
    };
    let content = value;
    if (isRecord(value) && isEnvelope(value)) {
      if (value['success'] === false) return skip('api-error', apiError(value));
      content = value['result'];
    }
    const items = Array.isArray(content) ? list(content) : [content];
    items.forEach((entry, i) => {
      const item = Array.isArray(content) ? i + 1 : undefined;
      const shape = isRecord(entry) ? shapeOf(entry) : undefined;
      if (!isRecord(entry) || !shape) return skip('unrecognised', kindOf(entry), item);
      if (shape === 'group') groups.push(readRuleGroup(entry));
      else if (shape === 'provider') providers.push(readProvider(entry));
      else if (shape === 'policy') {
        const policy = readPolicy(entry, pasted.length + 1);
        if ('invalidDecision' in policy) skip('bad-decision', policy.invalidDecision, item);
        else pasted.push({ policy, place: place(item) });
      } else if (application) skip('second-application', text(entry['name']) ?? text(entry['id']), item);
      else {
        const read = readApplication(entry);
        application = { application: read.application, place: place(item) };
        for (const decision of read.invalid) skip('bad-decision', decision, item);
      }
    });
  });

  const policies = application ? applicationPolicies(application, pasted, ignored) : pasted.map(({ policy }) => policy);
  const distinct = new Set([...pasted.map(({ policy }) => policy), ...policies].map((policy) => policy.id ?? policy));
  return {
    empty: input.trim() === '',
    policies,
    ...(application ? { application: application.application } : {}),
    groups,
    providers,
    counts: { policies: distinct.size, applications: application ? 1 : 0, groups: groups.length, providers: providers.length },
    ignored,
    problems,
  };
}

/** The application's policies, references resolved from the pasted ones; the rest are reported. */
function applicationPolicies(
  { application, place }: { application: Application; place: Place },
  pasted: { policy: Policy; place: Place }[],
  ignored: Ignored[],
): Policy[] {
  const policies = application.policies.flatMap((entry): Policy[] => {
    if ('policy' in entry) return [entry.policy];
    const found = pasted.find(({ policy }) => policy.id === entry.ref)?.policy;
    if (!found) {
      ignored.push({ ...place, reason: 'missing-policy', detail: entry.ref });
      return [];
    }
    return [entry.precedence === undefined ? found : { ...found, precedence: entry.precedence }];
  });
  const attached = new Set(policies.map((policy) => policy.id).filter((id) => id !== undefined));
  for (const { policy, place: where } of pasted)
    if (!policy.id || !attached.has(policy.id)) ignored.push({ ...where, reason: 'not-attached', detail: policy.name ?? policy.key });
  return policies;
}
