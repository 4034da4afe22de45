/**
 * What both API fakes share: an http server on 127.0.0.1, port 0, that records every request
 * (method, path, query, JSON body), can be told to answer a chosen call with an error (a missing
 * permission halfway), and answers 501 to anything its routes do not know, so a wrong call fails
 * the test loudly instead of passing by accident.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** The path below the API's base (`/accounts/…`, `/groups`), without the query. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The raw body text, for checks that a value was (or was not) sent. */
  text: string;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export interface Failure {
  method: string;
  path: RegExp;
  status: number;
  /** How many matching requests fail (default: every one until cleared). */
  times?: number;
  /** Answer this text as HTML instead of the API's error body (a proxy's page, say), whatever the status. */
  html?: string;
  /** Answer this JSON instead of the API's error body (a stand-in that is not the API), whatever the status. */
  json?: unknown;
}

export type Handler = (request: RecordedRequest) => Reply | undefined;

export interface HttpFake {
  /** Base URL including the API's prefix. */
  url: string;
  requests: RecordedRequest[];
  /** Requests that change something (anything but GET). */
  writes(): RecordedRequest[];
  fail(failure: Failure): void;
  clearFailures(): void;
  close(): Promise<void>;
}

export const isWriteRequest = (request: RecordedRequest): boolean => request.method !== 'GET';

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface HttpFakeOptions {
  prefix: string;
  token: string;
  handle: Handler;
  /** The error body for a status (each API has its own envelope). */
  errorBody: (status: number, message: string) => unknown;
}

export async function startHttpFake({ prefix, token, handle, errorBody }: HttpFakeOptions): Promise<HttpFake> {
  const requests: RecordedRequest[] = [];
  let failures: Failure[] = [];
  const send = (response: ServerResponse, { status, body }: Reply) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(text);
  };
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const text = await readBody(request);
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
      const recorded: RecordedRequest = { method: request.method ?? 'GET', path, query: url.searchParams, body, text };
      requests.push(recorded);
      if (request.headers.authorization !== `Bearer ${token}`)
        return send(response, { status: 401, body: errorBody(401, 'Invalid or missing token') });
      const failure = failures.find((item) => item.method === recorded.method && item.path.test(path));
      if (failure) {
        if (failure.times !== undefined && --failure.times <= 0) failures = failures.filter((item) => item !== failure);
        if (failure.html !== undefined) {
          response.writeHead(failure.status, { 'content-type': 'text/html' });
          return response.end(failure.html);
        }
        if (failure.json !== undefined) return send(response, { status: failure.status, body: failure.json });
        return send(response, {
          status: failure.status,
          body: errorBody(failure.status, 'Insufficient privileges to complete the operation.'),
        });
      }
      let reply: Reply | undefined;
      try {
        reply = handle(recorded);
      } catch (error) {
        reply = { status: 500, body: errorBody(500, `fake failed: ${(error as Error).message}`) };
      }
      send(response, reply ?? { status: 501, body: errorBody(501, `not implemented by the fake: ${recorded.method} ${path}`) });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    writes: () => requests.filter(isWriteRequest),
    fail: (failure) => failures.push({ ...failure }),
    clearFailures: () => {
      failures = [];
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The items of one page, `size` at a time, pages counted from 1. */
export function pageOf<T>(items: readonly T[], page: number, size: number): T[] {
  return items.slice((page - 1) * size, page * size);
}
