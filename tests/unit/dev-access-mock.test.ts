import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devIdentityMiddleware } from '../../src/dev/dev-access-mock.ts';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer(
    (req, res) => void devIdentityMiddleware(req, res, () => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>page</p>')),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => server.close());

describe('the dev get-identity mock', () => {
  it('answers the member persona by default', async () => {
    const response = await fetch(`${base}/cdn-cgi/access/get-identity`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { name: string }).name).toBe('Jane Doe');
  });

  it('switches persona with ?persona= on a page, remembered in a cookie for get-identity', async () => {
    const page = await fetch(`${base}/scim-a/?persona=signed-out`);
    expect(await page.text()).toBe('<p>page</p>');
    const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toBe('dev-persona=signed-out');
    const identity = await fetch(`${base}/cdn-cgi/access/get-identity`, { headers: { cookie } });
    expect(identity.status).toBe(400);
    expect(await identity.json()).toEqual({ err: 'no app token set' });
  });

  it.each([
    ['unprotected', 404],
    ['error', 502],
    ['saml', 200],
    ['many-groups', 200],
  ])('serves the %s persona with HTTP %i', async (persona, status) => {
    expect((await fetch(`${base}/cdn-cgi/access/get-identity?persona=${persona}`)).status).toBe(status);
  });

  it('ignores unknown personas', async () => {
    const response = await fetch(`${base}/cdn-cgi/access/get-identity`, { headers: { cookie: 'dev-persona=__proto__' } });
    expect(((await response.json()) as { name: string }).name).toBe('Jane Doe');
  });
});
