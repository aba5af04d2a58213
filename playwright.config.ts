import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser). Each worker starts the whole
 * stack once through the test factory (tests/e2e/fixtures.ts) on free ports and a data folder of
 * its own; specs run against it. One worker unless CSPHUB_E2E_WORKERS says more: with two, two
 * stacks run side by side, each file's tests in order in one worker (they build on each other)
 * and the every-page walks (read-only) spread over both. On two cores two stacks and two browsers
 * finished no sooner than one and let pages outrun their 10 s expectations, so one is the default.
 * `npm test` runs this suite beside Vitest's api and crash tiers (docs/ARCHITECTURE.md, "Tests").
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: Number(process.env.CSPHUB_E2E_WORKERS) || 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'en-US',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    // A failed test keeps its trace (the DOM before and after each action, the network, the
    // console), without the screencast: encoding the page's frames through every test, failed or
    // not, was a large share of the suite's CPU on two cores.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
});
