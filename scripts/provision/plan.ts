/**
 * The plan: one Step per object, in the order apply runs them. A step's Change is the contract's
 * `{action, provider, kind, name}` (printed as JSON by `plan --json`); its note says why, or, for
 * a manual step, exactly what to do by hand; its run() makes the change, reading the ids and
 * secrets earlier steps produced from the shared state.
 */
/** `delete` appears only in destroy's list, never in the plan's JSON. */
export type Action = 'create' | 'update' | 'keep' | 'manual' | 'delete';
export type Provider = 'cloudflare' | 'entra' | 'local';
/** The kinds the contract names (ARCHITECTURE.md, "Provisioning"). */
export const CONTRACT_KINDS = [
  'group',
  'group-member',
  'app-registration',
  'client-secret',
  'service-principal',
  'admin-consent',
  'scim-application',
  'scim-job',
  'saml-application',
  'identity-provider',
  'access-policy',
  'access-application',
  'wrangler-config',
] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
/**
 * `access-tag` (the Access tag on the tool's applications) is the tool's own: apply creates the
 * tag inside an application step, and only destroy lists it as a change of its own, in text.
 * No contract kind fits it, so planJson leaves such a step out.
 */
export type Kind = ContractKind | 'access-tag';

const inContract = (kind: Kind): kind is ContractKind => (CONTRACT_KINDS as readonly Kind[]).includes(kind);

export interface Change {
  action: Action;
  provider: Provider;
  kind: Kind;
  name: string;
}

export interface Step extends Change {
  /** Why the action (for create/update), or the portal steps (for manual). Never a secret. */
  note?: string;
  /** Present for create and update. */
  run?: () => Promise<void>;
  /**
   * A manual step that stands for an object the tool found but does not own: apply stops before
   * writing anything while one is listed (rename the object, or adopt it with --adopt).
   */
  conflict?: boolean;
}

export const isWrite = (step: Step): boolean => step.action === 'create' || step.action === 'update' || step.action === 'delete';

const same = (a: Change, b: Change): boolean => a.kind === b.kind && a.name === b.name;

/** Whether a step run by apply turned out to be a manual step (late holds it). */
export const demoted = (step: Step, late: readonly Step[]): boolean => late.some((item) => same(item, step));

/** The plan as apply left it: each step that turned out to be manual in its place, other late steps after. */
export function withLate(steps: readonly Step[], late: readonly Step[]): Step[] {
  return [
    ...steps.map((step) => late.find((item) => same(item, step)) ?? step),
    ...late.filter((item) => !steps.some((step) => same(item, step))),
  ];
}

/** `plan --json`: exactly one object, the four fields of each change and nothing else. */
export function planJson(steps: readonly Step[]): string {
  const changes = steps
    .filter((step) => inContract(step.kind))
    .map(({ action, provider, kind, name }) => ({ action, provider, kind, name }));
  return `${JSON.stringify({ changes }, null, 2)}\n`;
}

const SYMBOL: Record<Action, string> = { create: '+', update: '~', keep: '=', manual: '!', delete: '-' };

/** The plan as text, one line per change, with its note indented below. */
export function planText(steps: readonly Step[]): string {
  const width = Math.max(...steps.map((step) => step.kind.length), 4);
  const lines = steps.flatMap((step) => {
    const head = `${SYMBOL[step.action]} ${step.action.padEnd(6)} ${step.provider.padEnd(10)} ${step.kind.padEnd(width)} ${step.name}`;
    return step.note ? [head, ...step.note.split('\n').map((line) => `    ${line}`)] : [head];
  });
  const count = (action: Action) => steps.filter((step) => step.action === action).length;
  const counts = [
    `${count('create')} to create`,
    `${count('update')} to update`,
    `${count('keep')} unchanged`,
    `${count('manual')} manual`,
  ];
  if (count('delete') > 0) counts.unshift(`${count('delete')} to delete`);
  lines.push('', `${counts.join(', ')}.`);
  return `${lines.join('\n')}\n`;
}
