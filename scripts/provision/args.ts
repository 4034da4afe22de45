/**
 * The command line: `plan [--json] | apply [--yes] | destroy [--yes]`, each with
 * `--domain <host>`, and `--members <upn,…>`, `--adopt`. Read with node:util's parseArgs; every
 * mistake is a UsageError with a sentence that says what to type instead.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.ts';

export type Command = 'plan' | 'apply' | 'destroy';

export interface Options {
  command: Command;
  domain: string;
  json: boolean;
  yes: boolean;
  adopt: boolean;
  /** User principal names to add to every demo group. */
  members: string[];
}

export const USAGE = `Usage:
  npm run provision -- plan    --domain <your-domain> [--json] [--members <upn,...>] [--adopt]
  npm run provision -- apply   --domain <your-domain> [--yes]  [--members <upn,...>] [--adopt]
  npm run provision -- destroy --domain <your-domain> [--yes]`;

const COMMANDS: readonly Command[] = ['plan', 'apply', 'destroy'];

/** A DNS hostname with at least two labels (RFC 1123 labels), as Access and Workers routes take it. */
export function normaliseDomain(value: string): string | undefined {
  const host = value.trim().toLowerCase().replace(/\.$/, '');
  if (host.length === 0 || host.length > 253) return undefined;
  const labels = host.split('.');
  if (labels.length < 2) return undefined;
  const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
  return labels.every((part) => label.test(part)) && !/^\d+$/.test(labels.at(-1) ?? '') ? host : undefined;
}

const UPN = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

export function readOptions(argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        domain: { type: 'string' },
        json: { type: 'boolean', default: false },
        yes: { type: 'boolean', default: false },
        adopt: { type: 'boolean', default: false },
        members: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\.$/, '')}.`);
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (!command) throw new UsageError('Name a command: plan, apply or destroy.');
  if (!COMMANDS.includes(command as Command)) throw new UsageError(`"${command}" is not a command: use plan, apply or destroy.`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  if (values.domain === undefined)
    throw new UsageError('--domain <your-domain> is required (the apex your demos live under, e.g. example.com).');
  const domain = normaliseDomain(values.domain);
  if (!domain)
    throw new UsageError(
      `--domain "${values.domain}" is not a hostname: give the bare domain, e.g. example.com (no https://, path or port).`,
    );
  if (values.json && command === 'destroy') throw new UsageError('--json is for plan and apply; destroy lists what it removes as text.');
  if (values.yes && command === 'plan') throw new UsageError('--yes is for apply and destroy; plan never writes.');
  const members = (values.members ?? '')
    .split(',')
    .map((member) => member.trim())
    .filter((member) => member.length > 0);
  const badMember = members.find((member) => !UPN.test(member));
  if (badMember) throw new UsageError(`--members "${badMember}" is not a user principal name (name@your-tenant-domain).`);
  if (values.members !== undefined && command === 'destroy') throw new UsageError('--members is for plan and apply.');
  if (values.adopt && command === 'destroy')
    throw new UsageError('--adopt is for plan and apply: destroy removes only what the tool made.');
  return { command: command as Command, domain, json: values.json, yes: values.yes, adopt: values.adopt, members: [...new Set(members)] };
}
