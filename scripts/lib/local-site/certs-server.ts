/**
 * A stand-in for a team's Access certs endpoint (`/cdn-cgi/access/certs`) on this machine. It
 * counts its hits (also at `/__hits`, for specs in another process), and its behaviour can be
 * switched to each way a real endpoint can fail, so the gate's 503s and its recovery are tested.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { JWK } from 'jose';
import { CERTS_PATH } from '../../../src/access/protocol.ts';
import { listeningPort } from './free-port.ts';

/** `ok`: the key set; the rest are the faults the gate must answer with 503. */
export type CertsBehaviour = 'ok' | 'server-error' | 'bad-json' | 'no-keys' | 'hang';

export interface CertsServer {
  teamDomain: string;
  hits(): number;
  behave(behaviour: CertsBehaviour): void;
  stop(): Promise<void>;
}

function answer(res: ServerResponse, behaviour: CertsBehaviour, publicJwk: JWK): void {
  switch (behaviour) {
    case 'ok':
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: [publicJwk], public_cert: { kid: 'x', cert: 'ignored' } }));
      return;
    case 'server-error':
      res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded');
      return;
    case 'bad-json':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys": [');
      return;
    case 'no-keys':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys": []}');
      return;
    case 'hang':
      return; // never answers: the gate's own timeout must end the wait
  }
}

/** `port`: 0 (the default) lets the OS pick one; `teamDomain` says which. */
export async function startCertsServer(publicJwk: JWK, { port = 0 }: { port?: number | undefined } = {}): Promise<CertsServer> {
  let behaviour: CertsBehaviour = 'ok';
  let hits = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (req.url === CERTS_PATH) {
      hits++;
      answer(res, behaviour, publicJwk);
    } else if (req.url === '/__hits') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ certs: hits }));
    } else {
      res.writeHead(404).end();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    teamDomain: `http://127.0.0.1:${listeningPort(server.address())}`,
    hits: () => hits,
    behave: (next) => {
      behaviour = next;
    },
    stop: () =>
      new Promise((resolve) => {
        // Hanging answers hold their sockets open: end them, or close() waits for ever.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
