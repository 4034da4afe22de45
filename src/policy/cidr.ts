/**
 * IPv4 and IPv6 addresses and CIDR blocks (RFC 4632, RFC 4291 §2.2 and §2.5.5.2), for the `ip`
 * rule: "An IPv4 or IPv6 CIDR block". An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is
 * compared as the IPv4 address it carries. Pure and small; never throws.
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEXTET = /^[0-9a-f]{1,4}$/i;

function ipv4(text: string): number[] | undefined {
  const parts = IPV4.exec(text)?.slice(1).map(Number);
  return parts && parts.every((part) => part <= 255) ? parts : undefined;
}

function hextets(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const bytes: number[] = [];
  for (const [i, part] of parts.entries()) {
    const v4 = i === parts.length - 1 && part.includes('.') ? ipv4(part) : undefined;
    if (v4) bytes.push(...v4);
    else if (HEXTET.test(part)) bytes.push(parseInt(part, 16) >> 8, parseInt(part, 16) & 0xff);
    else return undefined;
  }
  return bytes;
}

function ipv6(text: string): number[] | undefined {
  const halves = text.replace(/%.*$/, '').split('::');
  if (halves.length > 2) return undefined;
  const head = hextets(halves[0] ?? '');
  const tail = halves.length === 2 ? hextets(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const gap = 16 - head.length - tail.length;
  if (halves.length === 2 ? gap < 2 : gap !== 0) return undefined;
  const bytes = [...head, ...Array<number>(gap).fill(0), ...tail];
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

/** The address's bytes: 4 for IPv4, 16 for IPv6. */
export function parseIp(text: string): number[] | undefined {
  const trimmed = text.trim();
  return ipv4(trimmed) ?? (trimmed.includes(':') ? ipv6(trimmed) : undefined);
}

export interface Cidr {
  bytes: number[];
  prefix: number;
}

/** A CIDR block; a bare address is its own /32 or /128. */
export function parseCidr(text: string): Cidr | undefined {
  const [address = '', prefix, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const bytes = parseIp(address);
  if (!bytes) return undefined;
  const bits = bytes.length * 8;
  // An IPv4-mapped block's prefix counts the 96 bits before the IPv4 address.
  const offset = bytes.length === 4 && address.includes(':') ? 96 : 0;
  const length = prefix === undefined ? bits : /^\d{1,3}$/.test(prefix) ? Number(prefix) - offset : NaN;
  return length >= 0 && length <= bits ? { bytes, prefix: length } : undefined;
}

/** Whether the address is in the block: undefined when either does not parse. */
export function inCidr(address: string, block: string): boolean | undefined {
  const ip = parseIp(address);
  const cidr = parseCidr(block);
  if (!ip || !cidr) return undefined;
  if (ip.length !== cidr.bytes.length) return false;
  for (let bit = 0; bit < cidr.prefix; bit += 1) {
    const mask = 0x80 >> (bit % 8);
    if (((ip[bit >> 3] ?? 0) & mask) !== ((cidr.bytes[bit >> 3] ?? 0) & mask)) return false;
  }
  return true;
}
