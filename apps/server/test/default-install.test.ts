import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import { runServerToExit, startStack, type Stack } from '@csphub/testing';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';

/**
 * The default install as `npm start` makes it (docs/SECURITY.md, "The default install"): demo users
 * with a password of this data folder only, the data folder private to its owner, the emulator's
 * state file without a password or key in clear, and the emulator on loopback whatever HOST says.
 */
describe('the default install', () => {
  const LATAM = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;

  async function emulatorToken(stack: Stack): Promise<string> {
    const res = await fetch(`${stack.emulatorUrl}/login/${LATAM.tenantId}/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, resource: 'https://api.partnercenter.microsoft.com' }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  }

  async function createCustomer(stack: Stack, requestId: string, prefix: string): Promise<{ id: string; password: string }> {
    const res = await fetch(`${stack.emulatorUrl}/v1/customers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await emulatorToken(stack)}`, 'Content-Type': 'application/json', 'MS-RequestId': requestId },
      body: JSON.stringify({
        companyProfile: { domain: `${prefix}.onmicrosoft.com` },
        billingProfile: {
          email: `billing@${prefix}.com`,
          culture: 'en-US',
          language: 'en',
          companyName: `${prefix} Ltd`,
          defaultAddress: { firstName: 'Ada', lastName: 'Lovelace', addressLine1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US' },
        },
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { id: string; userCredentials: { password: string } };
    return { id: body.id, password: body.userCredentials.password };
  }

  const demoPasswordIn = (output: string) => /Demo users {4}password "([^"]+)"/.exec(output)?.[1];
  const signIn = (stack: Stack, password: string) =>
    fetch(`${stack.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'reseller@demo.test', password }) });

  function listModes(dir: string): { path: string; mode: number; dir: boolean }[] {
    const out: { path: string; mode: number; dir: boolean }[] = [];
    const visit = (p: string) => {
      const stat = fs.lstatSync(p);
      out.push({ path: path.relative(dir, p) || '.', mode: stat.mode & 0o777, dir: stat.isDirectory() });
      if (stat.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    };
    visit(dir);
    return out;
  }

  it('prints a demo password of its own data folder (the same after a restart, stored nowhere in clear), keeps the folder private and seals the emulator state', async () => {
    // A data folder left readable by an older version: the start corrects it.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-install-'));
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, 'left-by-an-old-version.txt'), 'x', { mode: 0o644 });
    fs.chmodSync(path.join(dataDir, 'left-by-an-old-version.txt'), 0o666);
    const stack = await startStack({ dataDir, env: { DATABASE_URL: '', CSPHUB_DEMO_PASSWORD: '' }, timeoutMs: 200_000 });
    try {
      const password = demoPasswordIn(stack.output());
      expect(password, stack.output()).toBeDefined();
      expect(password).not.toBe('demo-password');
      expect((await signIn(stack, password!)).status).toBe(200);
      expect((await signIn(stack, 'demo-password')).status).toBe(401);

      const created = await createCustomer(stack, 'install-create-1', `install${Date.now().toString(36)}`);
      // The webhook signing key is made on first use and kept in the state.
      const control = createEmulatorControl(stack.emulatorUrl);
      expect(await control.webhookCertificate()).toContain('-----BEGIN ');
      await control.clock();
      const stateText = fs.readFileSync(path.join(dataDir, 'emulator-state.json'), 'utf8');
      expect(stateText).toContain(created.id);
      expect(stateText).not.toContain(created.password);
      expect(stateText).not.toContain('PRIVATE KEY');
      const state = JSON.parse(stateText) as Record<string, unknown>;
      expect(state.secrets).toBeUndefined();
      expect(state.replay).toBeUndefined();

      await stack.stop({ keepData: true });
      await stack.restart();
      expect(demoPasswordIn(stack.output().split('is running').at(-1)!)).toBe(password);
      expect((await signIn(stack, password!)).status).toBe(200);
      // The sealed replay store still answers the first create (with its one-time password) after the restart.
      const replayed = await createCustomer(stack, 'install-create-1', 'another-prefix-not-used');
      expect(replayed).toEqual(created);

      const modes = listModes(dataDir);
      expect(modes.length).toBeGreaterThan(20);
      const open = modes.filter((m) => m.mode !== (m.dir ? 0o700 : 0o600)).map((m) => `${m.path} ${m.mode.toString(8)}`);
      expect(open).toEqual([]);
      expect(modes.map((m) => m.path)).toEqual(expect.arrayContaining(['pglite', 'workflows', 'emulator-state.json', 'secret.key']));

      // Never stored in clear: no file of the data folder (database pages included) holds the password.
      const holders = modes.filter((m) => !m.dir && fs.readFileSync(path.join(dataDir, m.path)).includes(Buffer.from(password!))).map((m) => m.path);
      expect(holders).toEqual([]);
    } finally {
      await stack.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 480_000);

  it('refuses demo data on HOST=0.0.0.0, naming the variable that asks for it', async () => {
    const { code, output } = await runServerToExit({ HOST: '0.0.0.0', DATABASE_URL: '', CSPHUB_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-host-')) });
    expect(code).toBe(1);
    expect(output.trim()).toMatch(/^csphub: invalid configuration: demo data is refused when HOST \(0\.0\.0\.0\) listens beyond this machine.*CSPHUB_DEMO=0.*CSPHUB_DEMO_ON_NETWORK=1$/);
  });

  it('keeps the embedded emulator on 127.0.0.1 when HOST=0.0.0.0 (demo asked for on the network)', async () => {
    const stack = await startStack({ env: { DATABASE_URL: '', HOST: '0.0.0.0', CSPHUB_DEMO_ON_NETWORK: '1' } });
    try {
      // The kernel's table of listening sockets: the emulator's port is bound to 127.0.0.1 only.
      const listening = fs
        .readFileSync('/proc/net/tcp', 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(/\s+/))
        .filter((f) => f[3] === '0A')
        .map((f) => f[1]!);
      const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
      expect(listening).toContain(`0100007F:${hex(stack.emulatorPort)}`);
      expect(listening).not.toContain(`00000000:${hex(stack.emulatorPort)}`);
      expect(listening).toContain(`00000000:${hex(stack.port)}`);

      const outside = Object.values(os.networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
      if (outside) {
        const connects = (port: number) =>
          new Promise<boolean>((resolve) => {
            const s = net.connect({ host: outside, port }, () => (s.destroy(), resolve(true)));
            s.once('error', () => resolve(false));
          });
        expect(await connects(stack.port)).toBe(true);
        expect(await connects(stack.emulatorPort)).toBe(false);
      }
      expect((await createEmulatorControl(stack.emulatorUrl).clock()).now).toBeTruthy();
    } finally {
      await stack.stop();
    }
  }, 180_000);
});
