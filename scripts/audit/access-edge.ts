/**
 * A stand-in for the Cloudflare Access edge in front of `wrangler dev`.
 *
 * Deployed, Access sits in front of the Worker and answers `/cdn-cgi/access/get-identity`
 * itself; the Worker never sees that request. `wrangler dev` has no Access, so there the card
 * would show its "not behind Access" message and Lighthouse would audit a page no signed-in
 * visitor sees. This proxy answers get-identity with the "member" fixture and forwards every
 * other request unchanged (bytes and headers as wrangler sent them), so the audit covers the
 * card in its ready state. The Access token itself still comes from Lighthouse's extraHeaders.
 */
import { createServer, request, type Server } from 'node:http';
import { IDENTITY_PATH } from '../../src/access/protocol.ts';
import { fixtureBody, fixtures } from '../../src/dev/personas/index.ts';

export interface AccessEdge {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startAccessEdge(port: number, upstream: string): Promise<AccessEdge> {
  const target = new URL(upstream);
  const identity = fixtures.member;
  const server: Server = createServer((req, res) => {
    if (req.url?.split('?')[0] === IDENTITY_PATH) {
      res.writeHead(identity.status, { 'content-type': identity.contentType, 'cache-control': 'no-store' });
      res.end(fixtureBody(identity));
      return;
    }
    const forwarded = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        // Whole responses, sent in one go: workerd and this proxy share the machine's two cores
        // with Chromium, and streaming would put their work inside the browser's navigation
        // tasks, which Lighthouse then counts as the page's blocking time. Deployed, the server
        // runs on another machine. The bytes and headers are wrangler's, but for the framing.
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const headers = Object.entries(answer.headers).filter(
            ([name]) => !['transfer-encoding', 'content-length', 'connection'].includes(name),
          );
          res.writeHead(answer.statusCode ?? 502, { ...Object.fromEntries(headers), 'content-length': String(body.length) });
          res.end(body);
        });
      },
    );
    forwarded.on('error', (error) => res.writeHead(502).end(String(error)));
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
