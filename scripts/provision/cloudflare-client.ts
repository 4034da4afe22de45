/**
 * The official `cloudflare` SDK, configured by its own variables (CLOUDFLARE_API_TOKEN,
 * CLOUDFLARE_BASE_URL) plus CLOUDFLARE_ACCOUNT_ID. The SDK retries 429 and 5xx answers itself;
 * what still fails is turned into a message that names the token permission the call needs
 * (https://developers.cloudflare.com/fundamentals/api/reference/permissions/).
 */
import Cloudflare, { type ClientOptions } from 'cloudflare';
import { cloudflareMessage, ProvisionError, type CloudflareArea } from './errors.ts';

type LogLevel = NonNullable<ClientOptions['logLevel']>;

/**
 * The SDK's log level from CLOUDFLARE_LOG, at most `info`. At `debug` the SDK logs every request
 * and response body: the client secret the tool sends and the SCIM secret Cloudflare answers once,
 * the latter before the tool has seen it to redact it. So `debug` is read as `info` (a line per
 * request, its method, URL and status), and the SDK never reads the variable itself.
 */
export function sdkLogLevel(value: string | undefined): LogLevel {
  const level = value?.trim().toLowerCase();
  if (level === 'debug') return 'info';
  return level === 'off' || level === 'error' || level === 'warn' || level === 'info' ? level : 'warn';
}

/**
 * The SDK's logger: its messages go to the tool's own stderr lines, which pass through
 * Secrets.redact. Only the message is printed, never the details the SDK passes after it (request
 * options, headers, bodies), and debug lines not at all.
 */
export function sdkLogger(log: (line: string) => void): NonNullable<ClientOptions['logger']> {
  const line = (message: string) => log(`cloudflare: ${message}`);
  return { error: line, warn: line, info: line, debug: () => undefined };
}

export function cloudflareClient(env: NodeJS.ProcessEnv, log: (line: string) => void): Cloudflare {
  const baseURL = env['CLOUDFLARE_BASE_URL']?.trim();
  return new Cloudflare({
    apiToken: env['CLOUDFLARE_API_TOKEN']?.trim() ?? null,
    // Only the token: a CLOUDFLARE_API_KEY/EMAIL pair left in the shell must not ride along.
    apiKey: null,
    apiEmail: null,
    userServiceKey: null,
    ...(baseURL ? { baseURL } : {}),
    logLevel: sdkLogLevel(env['CLOUDFLARE_LOG']),
    logger: sdkLogger(log),
  });
}

export interface CloudflareCall {
  /** What the call does, as the end of "Cloudflare refused to …". */
  doing: string;
  area: CloudflareArea;
  write: boolean;
}

export class CloudflareCallError extends ProvisionError {
  override name = 'CloudflareCallError';
  readonly status: number | undefined;
  /** Cloudflare's error codes from the answer's `errors` (7000/7003: no such route). */
  readonly codes: number[];
  constructor(message: string, status: number | undefined, codes: number[] = []) {
    super(message);
    this.status = status;
    this.codes = codes;
  }
}

/** The innermost cause of a connection failure (`ECONNREFUSED`, `ENOTFOUND`…), else its message. */
function connectionCause(error: Error): string {
  let cause: unknown = error;
  let detail = error.message;
  while (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    detail = code ?? cause.message;
    cause = cause.cause;
  }
  return detail;
}

/** Runs one SDK call; an API error becomes a CloudflareCallError with the reader's message. */
export async function guard<T>(accountId: string, call: CloudflareCall, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof Cloudflare.APIError)) throw error;
    const detail =
      error.errors
        .map((item) => item.message)
        .filter(Boolean)
        .join('; ') || (error.status === undefined ? connectionCause(error) : `HTTP ${error.status}`);
    // The SDK types an APIError's status by its subclass; read as the number it is.
    const status = error.status as number | undefined;
    throw new CloudflareCallError(
      cloudflareMessage({ status, detail }, call.doing, call.area, call.write, accountId),
      status,
      error.errors.flatMap((item) => (typeof item.code === 'number' ? [item.code] : [])),
    );
  }
}

export interface Upsert<T> {
  /** The object, as the end of "create the …" / "update the …". */
  what: string;
  area: CloudflareArea;
  /** The object as found: updated when there is one, else created. */
  current: { id: string } | undefined;
  create: () => Promise<T>;
  update: (id: string) => Promise<T>;
}

/** Creates the object, or updates the one found, through guard (so a refusal names the permission). */
export function upsert<T>(accountId: string, { what, area, current, create, update }: Upsert<T>): Promise<T> {
  return current
    ? guard(accountId, { doing: `update the ${what}`, area, write: true }, () => update(current.id))
    : guard(accountId, { doing: `create the ${what}`, area, write: true }, create);
}
