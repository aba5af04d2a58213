import { test as base } from '@playwright/test';
import { startStack, type Stack } from '@csphub/testing';
import { ensureWebBuilt } from '../../scripts/ensure-web-built';

/**
 * `stack`: the whole CSP Hub (server, embedded database and emulator) started once per worker by
 * the one test factory; `baseURL` points at it.
 */
export const test = base.extend<object, { stack: Stack }>({
  stack: [
    // Playwright reads a fixture's dependencies from its destructuring pattern: an empty one means none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      ensureWebBuilt();
      const stack = await startStack({ timeoutMs: 240_000 });
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  baseURL: async ({ stack }, use) => {
    await use(stack.url);
  },
});
export { expect } from '@playwright/test';
