/**
 * Run before every unit test file (vitest's `setupFiles`). The files share one module graph per
 * worker (`isolate: false` in tests/vitest.config.ts), so what a file stubs for all its tests (the
 * happy-dom window, a `fetch` answering get-identity, fake timers) is undone when the file ends,
 * before the next file in that worker starts.
 */
import { afterAll, vi } from 'vitest';

afterAll(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.useRealTimers();
});
