/**
 * A port the operating system hands out: listen on port 0, read the port it chose, close.
 * For servers this process cannot open on port 0 itself (`wrangler dev` takes a port number and
 * reports nothing back), so no two runs on one machine need agree on a range of fixed ports.
 */
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('the OS handed out no port'))));
    });
  });
}

/** The port a listening server was given (after listen(0)). */
export function listeningPort(address: ReturnType<import('node:net').Server['address']>): number {
  if (typeof address !== 'object' || !address) throw new Error('the server is not listening on a TCP port');
  return address.port;
}
