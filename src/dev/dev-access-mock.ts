/**
 * Dev-only stand-in for Cloudflare Access's `/cdn-cgi/access/get-identity`, so `npm run dev`
 * shows a real-looking card with no Cloudflare account. It is an Astro integration that hooks
 * the dev server only (`astro:server:setup`): nothing here is part of a production build.
 *
 * Personas are the identity fixtures in tests/fixtures/identity/. Pick one with `?persona=<name>`
 * on any page (remembered in a cookie) or the switcher at the bottom of a demo page in dev.
 */
import type { AstroIntegration } from 'astro';
import { PERSONAS, DEFAULT_PERSONA, personaAnswer } from './personas.ts';

const COOKIE = 'dev-persona';

function personaFromCookie(cookieHeader: string | undefined): string | undefined {
  const match = cookieHeader?.match(new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`));
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

export function devAccessMock(): AstroIntegration {
  return {
    name: 'barbican:dev-access-mock',
    hooks: {
      'astro:server:setup': ({ server, logger }) => {
        logger.info(`get-identity is mocked in dev; personas: ${Object.keys(PERSONAS).join(', ')}`);
        server.middlewares.use(async (req, res, next) => {
          const url = new URL(req.url ?? '/', 'http://localhost');
          const asked = url.searchParams.get('persona');
          if (asked && asked in PERSONAS) {
            res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(asked)}; Path=/; SameSite=Lax`);
          }
          if (url.pathname !== '/cdn-cgi/access/get-identity') return next();
          const name = asked ?? personaFromCookie(req.headers.cookie) ?? DEFAULT_PERSONA;
          const answer = await personaAnswer(name in PERSONAS ? name : DEFAULT_PERSONA);
          if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
          if (answer.status === 0) {
            res.destroy();
            return;
          }
          res.statusCode = answer.status;
          res.setHeader('Content-Type', answer.contentType);
          res.setHeader('Cache-Control', 'no-store');
          res.end(answer.body);
        });
      },
    },
  };
}
