/**
 * A small typed Microsoft Graph v1.0 client over fetch: JSON in and out, every list read to its
 * end through `@odata.nextLink` (https://learn.microsoft.com/graph/paging), throttling and
 * transient failures retried as Microsoft advises (honouring Retry-After,
 * https://learn.microsoft.com/graph/throttling), and every failure turned into a message that
 * names the call and the permission it needs.
 */
import { graphMessage, ProvisionError } from './errors.ts';
import type { GraphList, GraphPatches, GraphPosts, GraphPuts } from './graph-types.ts';

export const DEFAULT_GRAPH_BASE = 'https://graph.microsoft.com/v1.0';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export class GraphError extends ProvisionError {
  override name = 'GraphError';
  readonly status: number | undefined;
  readonly code: string;
  constructor(message: string, status: number | undefined, code: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export type TokenSource = () => Promise<string>;

export interface GraphClientOptions {
  baseUrl: string;
  token: TokenSource;
  /** The fetch to send requests with (the global one by default). */
  fetch?: typeof fetch;
  /** How long to wait before retry n (1-based), given the answer's Retry-After seconds. */
  retryDelayMs?: (attempt: number, retryAfterSeconds: number | undefined) => number;
  maxRetries?: number;
}

export interface RequestOptions {
  /** Retry a 404 a few times: Entra replicates a new object for a few seconds after creating it. */
  retryNotFound?: boolean;
}

const TRANSIENT = new Set([429, 500, 502, 503, 504]);

export class GraphClient {
  readonly #base: string;
  readonly #origin: string;
  readonly #token: TokenSource;
  readonly #fetch: typeof fetch;
  readonly #delay: (attempt: number, retryAfter: number | undefined) => number;
  readonly #maxRetries: number;

  constructor({ baseUrl, token, fetch: fetchImpl = fetch, retryDelayMs, maxRetries = 3 }: GraphClientOptions) {
    this.#base = baseUrl.replace(/\/+$/, '');
    this.#origin = new URL(this.#base).origin;
    this.#token = token;
    this.#fetch = fetchImpl;
    this.#delay = retryDelayMs ?? ((attempt, retryAfter) => Math.min((retryAfter ?? 2 ** attempt) * 1000, 30_000));
    this.#maxRetries = maxRetries;
  }

  /** The Graph base URL requests go to (MS_GRAPH_BASE_URL, e.g. a national cloud's, or the default). */
  get baseUrl(): string {
    return this.#base;
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.#request<T>('GET', path, undefined, options);
  }

  /** A POST the tool makes (graph-types.ts's GraphPosts): its body and its answer typed by its path. */
  post<P extends Extract<keyof GraphPosts, string>>(path: P, body: GraphPosts[P][0], options?: RequestOptions): Promise<GraphPosts[P][1]> {
    return this.#request<GraphPosts[P][1]>('POST', path, body, options);
  }

  async patch<P extends Extract<keyof GraphPatches, string>>(path: P, body: GraphPatches[P], options?: RequestOptions): Promise<void> {
    await this.#request('PATCH', path, body, options);
  }

  async put<P extends Extract<keyof GraphPuts, string>>(path: P, body: GraphPuts[P], options?: RequestOptions): Promise<void> {
    await this.#request('PUT', path, body, options);
  }

  async delete(path: string): Promise<void> {
    await this.#request('DELETE', path, undefined);
  }

  /** Every item of a collection, following @odata.nextLink to the last page. */
  async list<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: GraphList<T> | undefined = await this.#request<GraphList<T> | undefined>('GET', next, undefined);
      if (!Array.isArray(page?.value))
        throw new ProvisionError(
          `Microsoft Graph answered GET ${path.split('?')[0]} with JSON that is not a collection (no "value" list): check that MS_GRAPH_BASE_URL, if you set it, is Microsoft Graph v1.0 (e.g. ${DEFAULT_GRAPH_BASE}), then run the command again.`,
        );
      items.push(...page.value);
      const link: string | undefined = page['@odata.nextLink'];
      if (link && new URL(link).origin !== this.#origin)
        throw new ProvisionError(
          `Microsoft Graph answered ${path.split('?')[0]} with a next page on another host (${new URL(link).origin}); refusing to send the token there.`,
        );
      next = link;
    }
    return items;
  }

  async #request<T>(method: string, pathOrUrl: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    const url = pathOrUrl.startsWith('https://') || pathOrUrl.startsWith('http://') ? pathOrUrl : `${this.#base}${pathOrUrl}`;
    const path = url.slice(this.#base.length) || '/';
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        const headers: Record<string, string> = { authorization: `Bearer ${await this.#token()}`, accept: 'application/json' };
        if (body !== undefined) headers['content-type'] = 'application/json';
        response = await this.#fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      } catch (error) {
        if (error instanceof ProvisionError) throw error;
        const detail = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        throw new GraphError(graphMessage({ status: undefined, code: 'network', detail, method, path }), undefined, 'network');
      }
      const retryable = TRANSIENT.has(response.status) || (response.status === 404 && options.retryNotFound === true);
      if (retryable && attempt < this.#maxRetries) {
        const retryAfter = Number(response.headers.get('retry-after'));
        await response.body?.cancel();
        await new Promise((resolve) =>
          setTimeout(resolve, this.#delay(attempt + 1, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined)),
        );
        continue;
      }
      const text = await response.text();
      if (!response.ok) {
        const { code, detail } = graphErrorOf(text, response.statusText);
        throw new GraphError(graphMessage({ status: response.status, code, detail, method, path }), response.status, code);
      }
      return parsedAnswer<T>(text, response.headers.get('content-type'), method, path);
    }
  }
}

/** A successful answer's JSON; anything else (a proxy's sign-in page, a wrong base URL) is a message. */
function parsedAnswer<T>(text: string, contentType: string | null, method: string, path: string): T {
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProvisionError(
      `Microsoft Graph answered ${method} ${path.split('?')[0]} with something that is not JSON (${contentType?.split(';')[0] ?? 'no content type'}): check that MS_GRAPH_BASE_URL, if you set it, is Microsoft Graph v1.0 (e.g. ${DEFAULT_GRAPH_BASE}) and that no proxy answers in its place, then run the command again.`,
    );
  }
}

function graphErrorOf(text: string, statusText: string): { code: string; detail: string } {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    return { code: parsed.error?.code ?? 'error', detail: (parsed.error?.message ?? statusText).replace(/\s+/g, ' ').trim() };
  } catch {
    return { code: 'error', detail: statusText || 'no error body' };
  }
}

/** An OData string literal: single quotes doubled (https://learn.microsoft.com/graph/query-parameters). */
export const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** `?$filter=…` with the value encoded for a URL. */
export const filterBy = (expression: string): string => `$filter=${encodeURIComponent(expression)}`;
