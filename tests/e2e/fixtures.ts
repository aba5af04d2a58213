import { test as base } from '@playwright/test';
import { startStack, type Stack } from '@csphub/testing';
import { createEmulatorControl, type EmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { ensureWebBuilt } from '../../scripts/ensure-web-built';

/**
 * How long the stack may take to answer /healthz: with two workers both start theirs at the same
 * time, and on a loaded two-core machine that took longer than startStack's default of 90 s.
 */
const STACK_START_MS = Number(process.env.CSPHUB_STACK_START_TIMEOUT_MS) || 180_000;

/**
 * `stack`: the whole CSP Hub (server, embedded database and emulator) started once per worker by
 * the one test factory; `baseURL` points at it. `emulator`: the typed client of its emulator's
 * control plane (`/_emulator/*`).
 */
export const test = base.extend<{ emulator: EmulatorControl }, { stack: Stack; stackEnv: Record<string, string> }>({
  // Extra environment for the stack of the specs that ask for it (`test.use({ stackEnv })`): they get a worker of their own.
  stackEnv: [{}, { option: true, scope: 'worker' }],
  stack: [
    async ({ stackEnv }, use) => {
      ensureWebBuilt();
      const stack = await startStack({ timeoutMs: STACK_START_MS, env: stackEnv });
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: STACK_START_MS + 30_000 },
  ],
  baseURL: async ({ stack }, use) => {
    await use(stack.url);
  },
  emulator: async ({ stack }, use) => {
    await use(createEmulatorControl(stack.emulatorUrl));
  },
});
export { expect } from '@playwright/test';
