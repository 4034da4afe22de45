/**
 * Dev-only stand-in for Cloudflare Access's `/cdn-cgi/access/get-identity`, so `npm run dev`
 * shows a real-looking card with no Cloudflare account. It is an Astro integration that hooks
 * the dev server only (`astro:server:setup`), and opens the gate there (dev-gate.ts, added as
 * middleware only when the command is `dev`): nothing here is part of a production build.
 *
 * Personas are the identity fixtures in src/dev/personas/. Pick one with `?persona=<name>`
 * on any page URL; the choice is remembered in a cookie.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AstroIntegration } from 'astro';
import { IDENTITY_PATH } from '../access/protocol.ts';
import { DEFAULT_PERSONA, PERSONAS, personaAnswer } from './persona-answer.ts';

const COOKIE = 'dev-persona';
const ENDPOINT = IDENTITY_PATH;

function personaFromCookie(cookieHeader: string | undefined): string | undefined {
  const match = cookieHeader?.match(new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`));
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/** Connect-style middleware: answers get-identity, remembers `?persona=` on any request. */
export async function devIdentityMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const asked = url.searchParams.get('persona');
  const known = (name: string | null | undefined): name is string => !!name && Object.hasOwn(PERSONAS, name);
  if (known(asked)) res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(asked)}; Path=/; SameSite=Lax`);
  if (url.pathname !== ENDPOINT) return next();
  const fromCookie = personaFromCookie(req.headers.cookie);
  const answer = personaAnswer(known(asked) ? asked : known(fromCookie) ? fromCookie : DEFAULT_PERSONA);
  if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
  res.statusCode = answer.status;
  res.setHeader('Content-Type', answer.contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.end(answer.body);
}

export function devAccessMock(): AstroIntegration {
  return {
    name: 'barbican:dev-access-mock',
    hooks: {
      'astro:config:setup': ({ command, addMiddleware }) => {
        if (command === 'dev') addMiddleware({ entrypoint: new URL('./dev-gate.ts', import.meta.url), order: 'pre' });
      },
      'astro:server:setup': ({ server, logger }) => {
        logger.info(`get-identity is mocked in dev; add ?persona=<name> to a page: ${Object.keys(PERSONAS).join(', ')}`);
        server.middlewares.use((req, res, next) => void devIdentityMiddleware(req, res, next));
      },
    },
  };
}
