import type { AstroIntegration } from 'astro';
import { describe, expect, it } from 'vitest';
import { devAccessMock } from '../../src/dev/dev-access-mock.ts';
import { accessGate } from '../../src/gate/gate-integration.ts';

type ConfigSetup = (options: Record<string, unknown>) => void;

/** Runs an integration's config hook for one command and returns the middleware it added. */
function middlewareFor(integration: AstroIntegration, command: 'dev' | 'build' | 'preview'): string[] {
  const added: string[] = [];
  const setup = integration.hooks['astro:config:setup'] as unknown as ConfigSetup;
  setup({
    command,
    addMiddleware: ({ entrypoint }: { entrypoint: URL | string }) => added.push(String(entrypoint).split('/src/')[1] ?? String(entrypoint)),
    updateConfig: () => undefined,
  });
  return added;
}

describe('which gate runs where', () => {
  it('a build runs the real gate and never the dev stand-in', () => {
    for (const command of ['build', 'preview'] as const) {
      expect(middlewareFor(accessGate({ domain: 'example.test' }), command)).toEqual(['gate/gate-middleware.ts']);
      expect(middlewareFor(devAccessMock(), command)).toEqual([]);
    }
  });

  it('the dev server runs the dev stand-in and not the real gate (no Access in front of it)', () => {
    expect(middlewareFor(accessGate({ domain: 'example.test' }), 'dev')).toEqual([]);
    expect(middlewareFor(devAccessMock(), 'dev')).toEqual(['dev/dev-gate.ts']);
  });

  it('the Pages build adds no middleware: its gate is _worker.js', () => {
    expect(middlewareFor(accessGate({ domain: 'example.test', onDemand: false }), 'build')).toEqual([]);
  });
});
