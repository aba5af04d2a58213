import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError, isLoopbackHost, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives safe local defaults for an empty environment', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe('/srv/app/.data');
    expect(c.database).toEqual({ kind: 'pglite', dataDir: '/srv/app/.data/pglite' });
    expect(c.emulator).toEqual({ mode: 'embedded', port: 4010 });
    expect(c.demo).toBe(true);
    expect(c.mail.transport).toBe('outbox');
  });

  it('presumes a worker dead after 60 s without a 10 s heartbeat unless told otherwise', () => {
    expect(loadConfig({}).workerSweeper).toEqual({ heartbeatMs: 10_000, graceMs: 60_000 });
    expect(loadConfig({ CSPHUB_WORKER_HEARTBEAT_SECONDS: '5', CSPHUB_WORKER_GRACE_SECONDS: '10' }).workerSweeper).toEqual({ heartbeatMs: 5_000, graceMs: 10_000 });
    expect(loadConfig({}).partnerCenter).toEqual({ maxQueued: 200 });
    expect(loadConfig({}).webhooks).toEqual({ allowLoopback: true, allowPrivateTargets: false });
    expect(loadConfig({ NODE_ENV: 'production', CSPHUB_DEMO: '0', CSPHUB_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'yes' }).webhooks).toEqual({ allowLoopback: false, allowPrivateTargets: true });
    expect(() => loadConfig({ CSPHUB_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'maybe' })).toThrow(/CSPHUB_WEBHOOK_ALLOW_PRIVATE_TARGETS/);
    expect(loadConfig({ CSPHUB_PC_MAX_QUEUED: '50' }).partnerCenter).toEqual({ maxQueued: 50 });
    expect(loadConfig({}).syncRunRetentionMs).toBe(7 * 86_400_000);
    expect(loadConfig({ CSPHUB_SYNC_RUN_RETENTION_DAYS: '30' }).syncRunRetentionMs).toBe(30 * 86_400_000);
    expect(() => loadConfig({ CSPHUB_SYNC_RUN_RETENTION_DAYS: '0' })).toThrow(/CSPHUB_SYNC_RUN_RETENTION_DAYS must be a whole number of days from 1 to 3650/);
    expect(loadConfig({}).requests).toEqual({ maxConcurrent: 256, maxQueued: 256 });
    expect(loadConfig({ CSPHUB_MAX_CONCURRENT_REQUESTS: '8', CSPHUB_MAX_QUEUED_REQUESTS: '0' }).requests).toEqual({ maxConcurrent: 8, maxQueued: 0 });
    expect(() => loadConfig({ CSPHUB_MAX_QUEUED_REQUESTS: 'many' })).toThrow(/CSPHUB_MAX_QUEUED_REQUESTS must be a whole number of requests from 0 to 100000/);
  });

  it('uses PostgreSQL and turns demo data off when DATABASE_URL is set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://localhost/test' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://localhost/test' });
    expect(c.demo).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number from 1 to 65535/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ DATABASE_URL: 'mysql://x/y' }, /DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL must be a URL/],
    [{ CSPHUB_EMULATOR: 'maybe' }, /CSPHUB_EMULATOR must be one of embedded, off/],
    [{ CSPHUB_DEMO: 'perhaps' }, /CSPHUB_DEMO must be one of/],
    [{ CSPHUB_SECRET_KEY: 'short' }, /CSPHUB_SECRET_KEY must be 32 bytes/],
    [{ CSPHUB_WORKER_ID: 'has spaces' }, /CSPHUB_WORKER_ID must be 1-64 letters/],
    [{ CSPHUB_WORKER_HEARTBEAT_SECONDS: '0' }, /CSPHUB_WORKER_HEARTBEAT_SECONDS must be a whole number of seconds/],
    [{ CSPHUB_WORKER_GRACE_SECONDS: '1.5' }, /CSPHUB_WORKER_GRACE_SECONDS must be a whole number of seconds/],
    [{ CSPHUB_PC_MAX_QUEUED: '0' }, /CSPHUB_PC_MAX_QUEUED must be a whole number of calls from 1 to 100000/],
    [{ CSPHUB_WORKER_HEARTBEAT_SECONDS: '30', CSPHUB_WORKER_GRACE_SECONDS: '45' }, /CSPHUB_WORKER_GRACE_SECONDS \(45\) must be at least twice/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('accepts every valid port and rejects everything else', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const valid = /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 65535;
        if (s === '') return loadConfig({ PORT: s }).port === 3000;
        try {
          const port = loadConfig({ PORT: s }).port;
          return valid && port === Number(s);
        } catch (e) {
          return !valid && e instanceof ConfigError && e.message.includes('PORT');
        }
      }),
    );
  });

  it('refuses demo data on a non-loopback HOST unless CSPHUB_DEMO_ON_NETWORK asks for it, naming both variables', () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10', 'csphub.example.com']) {
      expect(() => loadConfig({ HOST: host })).toThrow(ConfigError);
      expect(() => loadConfig({ HOST: host })).toThrow(/demo data is refused when HOST \(.+\) listens beyond this machine.*CSPHUB_DEMO=0.*CSPHUB_DEMO_ON_NETWORK=1/);
      expect(loadConfig({ HOST: host, CSPHUB_DEMO_ON_NETWORK: '1' }).demo).toBe(true);
      expect(loadConfig({ HOST: host, CSPHUB_DEMO: '0' }).demo).toBe(false);
      expect(loadConfig({ HOST: host, DATABASE_URL: 'postgres://localhost/test' }).demo).toBe(false);
    }
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(loadConfig({ HOST: host }).demo).toBe(true);
  });

  it('tells loopback hosts from the rest', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => isLoopbackHost(ip) === ip.startsWith('127.')),
      { seed: 11 },
    );
    expect(isLoopbackHost('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackHost('::ffff:10.0.0.1')).toBe(false);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
  });

  it('takes CSPHUB_DEMO_SCALE as a count of extra demo companies, and names it when it is not one', () => {
    expect(loadConfig({}).demoScale).toBe(0);
    expect(loadConfig({ CSPHUB_DEMO_SCALE: '20000' }).demoScale).toBe(20000);
    for (const bad of ['-1', 'many', '1e4', '100001']) expect(() => loadConfig({ CSPHUB_DEMO_SCALE: bad })).toThrow(/CSPHUB_DEMO_SCALE must be a whole number/);
  });

  it('fixes the demo password only when CSPHUB_DEMO_PASSWORD is long enough', () => {
    expect(loadConfig({}).demoPassword).toBeUndefined();
    expect(loadConfig({ CSPHUB_DEMO_PASSWORD: 'a-fixed-password-for-tests' }).demoPassword).toBe('a-fixed-password-for-tests');
    expect(() => loadConfig({ CSPHUB_DEMO_PASSWORD: 'short' })).toThrow(/CSPHUB_DEMO_PASSWORD must be 12 to 256 characters/);
  });
});
