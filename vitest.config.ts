import { defineConfig } from 'vitest/config';

/**
 * Four test tiers, chosen by where a test file lives and how it is named, so a new file lands in
 * one tier without touching this file (docs/ARCHITECTURE.md, "Tests"). `npm run test:tiers` fails
 * when a `*.test.ts` file matches no tier or two.
 *
 * - unit: beside the code (`src/**`, the web app's included), pure: no database, no network, no
 *   child process.
 * - contract: the Partner Center client against the emulator, and the emulator's own HTTP suites.
 * - crash: workers killed with SIGKILL (`*-crash.test.ts`, or anything under a `test/crash/` folder).
 * - api: every other suite under `test/`: the server and the repositories on a database, workflows
 *   in one process. With DATABASE_URL set, api and crash run again on PostgreSQL (`npm run test:db`).
 *
 * The tiers run one after the other (`sequence.groupOrder`): the fast ones fail first, and the
 * crash tier's worker processes never compete with the API suites for the cores. `npm test` runs
 * unit and contract first, then api and crash beside Playwright (docs/ARCHITECTURE.md, "Tests").
 *
 * The unit tier runs two files at once (Vitest's default is one fewer than the cores, a single
 * worker on a two-core machine). The contract tier keeps one: its burst test measures the client's
 * limiter against the emulator's throttle on an accelerated clock, and a second file on the other
 * core made it see 429s. The api tier runs two files at once (CSPHUB_API_WORKERS sets another
 * number): each file has its own database and its own emulator port (apps/server/test/test-app.ts
 * picks a free one), and most of a file's time is spent waiting (durable sleeps, Retry-After,
 * emulator delays), not computing, so a second file fills the other core. On PostgreSQL (the
 * PostgreSQL pass) it keeps one: there, two files at once failed three workflow tests whose runs
 * met another file's state, which the in-memory databases of the embedded pass never share. The crash
 * tier keeps one: its SIGKILLed workers and held requests are timed against each other.
 *
 * Unit and api files share one module graph per worker (`isolate: false`); the crash tier stays
 * isolated. A shared api worker no longer imports the server, DBOS, Drizzle and PGlite for each
 * file: sixteen api files took 137 s of CPU shared against 238 s isolated (user+sys, two workers,
 * both runs side by side on a two-core machine at load average 21 to 28; docs/ARCHITECTURE.md,
 * "Tests"). So a test helper keeps no state at module scope (the access matrix's fixtures key
 * theirs by the test app) and a file restores what it spies on, fakes or launches.
 */
const CRASH = ['{packages,apps}/*/**/*-crash.test.ts', '{packages,apps}/*/test/crash/**/*.test.ts'];
const CONTRACT = ['packages/partner-center/test/**/*.test.ts', 'packages/partner-center-emulator/test/**/*.test.ts'];
const SUITES = ['{packages,apps}/*/test/**/*.test.ts'];
const NODE_MODULES = ['**/node_modules/**'];

export const tiers = {
  unit: { include: ['{packages,apps}/*/src/**/*.test.ts'], exclude: NODE_MODULES },
  contract: { include: CONTRACT, exclude: [...NODE_MODULES, ...CRASH] },
  api: { include: SUITES, exclude: [...NODE_MODULES, ...CONTRACT, ...CRASH] },
  crash: { include: CRASH, exclude: NODE_MODULES },
};

const slow = { testTimeout: 60_000, hookTimeout: 120_000 };
const twoAtOnce = { maxWorkers: 2 };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', ...tiers.unit, environment: 'node', ...twoAtOnce, isolate: false, sequence: { groupOrder: 0 } } },
      { test: { name: 'contract', ...tiers.contract, environment: 'node', ...slow, sequence: { groupOrder: 1 } } },
      { test: { name: 'api', ...tiers.api, environment: 'node', ...slow, maxWorkers: Number(process.env.CSPHUB_API_WORKERS) || (process.env.DATABASE_URL ? 1 : 2), isolate: false, sequence: { groupOrder: 2 } } },
      {
        test: {
          name: 'crash',
          ...tiers.crash,
          environment: 'node',
          ...slow,
          sequence: { groupOrder: 3 },
          globalSetup: ['packages/provisioning/test/crash/bundle-workers.global.ts'],
        },
      },
    ],
  },
});
