import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, runServerToExit, startStack } from '@csphub/testing';

/** Start-up as a newcomer meets it: bad settings and a second start in the same folder. */
describe('server start-up', () => {
  it.each([
    ['PORT', { PORT: 'not-a-port' }, /^csphub: invalid configuration: PORT must be a whole number from 1 to 65535 \(got "not-a-port"\)$/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }, /^csphub: invalid configuration: DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//],
  ])('a bad %s stops start-up with one line naming it', async (_name, env, message) => {
    const { code, output } = await runServerToExit(env);
    expect(code).toBe(1);
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('a second server on the same data folder exits with a clear message and the first keeps running', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-twice-'));
    const first = await startStack({ dataDir, env: { DATABASE_URL: '' } });
    try {
      const { code, output } = await runServerToExit({
        CSPHUB_DATA_DIR: dataDir,
        DATABASE_URL: '',
        PORT: String(await freePort()),
        CSPHUB_EMULATOR_PORT: String(await freePort()),
      });
      expect(code).toBe(1);
      expect(output).toContain(`The data folder ${path.join(dataDir, 'pglite')} is in use by another CSP Hub process (pid ${first.process.pid}`);
      const health = await fetch(`${first.url}/healthz`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { database: { ok: boolean } }).database.ok).toBe(true);
    } finally {
      await first.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
