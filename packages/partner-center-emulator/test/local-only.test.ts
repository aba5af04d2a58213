import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createEmulatorApp, startEmulator, type RunningEmulator } from '../src/index';
import { customerBody, freshPrefix, LATAM } from './support/emulator-harness';
import { createEmulatorControl } from '../src/control/control-client';

/** What the Node server hands the app for a request from `remoteAddress` (Hono's connInfo reads the socket). */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('control plane: callers on this machine only', () => {
  it.each(['192.0.2.7', '10.0.0.5', '::ffff:192.168.1.20', '2001:db8::1'])('answers 403 to %s and changes nothing', async (address) => {
    const app = createEmulatorApp();
    const before = app.emulator.engine.clock.offset;
    const res = await app.request('/_emulator/clock/advance', { method: 'POST', body: JSON.stringify({ seconds: 3600 }) }, from(address));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(/only callers on this machine/);
    expect(app.emulator.engine.clock.offset).toBe(before);
    expect((await app.request('/_emulator/state?full=true', {}, from(address))).status).toBe(403);
  });

  it.each(['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1'])('answers %s', async (address) => {
    const app = createEmulatorApp();
    expect((await app.request('/_emulator/clock', {}, from(address))).status).toBe(200);
  });

  it('serves the webhook certificate (a public key) to anyone, and the whole plane when allowRemoteControl says so', async () => {
    expect((await createEmulatorApp().request('/_emulator/webhooks/certificate', {}, from('192.0.2.7'))).status).toBe(200);
    expect((await createEmulatorApp({ allowRemoteControl: true }).request('/_emulator/clock', {}, from('192.0.2.7'))).status).toBe(200);
  });
});

describe('state file: no password or signing key in clear', () => {
  const dirs: string[] = [];
  const running: RunningEmulator[] = [];
  afterEach(async () => {
    for (const r of running.splice(0)) await r.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-emulator-sealed-'));
    dirs.push(d);
    return d;
  };
  async function token(url: string): Promise<string> {
    const res = await fetch(`${url}/login/${LATAM.tenantId}/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, resource: 'https://api.partnercenter.microsoft.com' }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  }
  async function create(url: string, requestId: string, prefix: string) {
    const res = await fetch(`${url}/v1/customers`, { method: 'POST', headers: { Authorization: `Bearer ${await token(url)}`, 'Content-Type': 'application/json', 'MS-RequestId': requestId }, body: JSON.stringify(customerBody(prefix)) });
    return (await res.json()) as { id: string; userCredentials: { password: string } };
  }

  it('seals the replayed create-customer answer and the keys, with a 0600 key file beside the state, and replays after a restart', async () => {
    const dir = tmp();
    const statePath = path.join(dir, 'emulator-state.json');
    const first = await startEmulator({ port: 0, statePath });
    running.push(first);
    const created = await create(first.url, 'sealed-1', freshPrefix('sealed'));
    expect(await createEmulatorControl(first.url).webhookCertificate()).toContain('-----BEGIN ');
    await first.close();
    running.pop();

    const text = fs.readFileSync(statePath, 'utf8');
    expect(text).toContain(created.id);
    expect(text).not.toContain(created.userCredentials.password);
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain(first.app.emulator.engine.state.secrets.tokenKey);
    expect(fs.statSync(statePath).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'emulator-state.key')).mode & 0o777).toBe(0o600);

    const second = await startEmulator({ port: 0, statePath });
    running.push(second);
    const again = await create(second.url, 'sealed-1', freshPrefix('other'));
    expect(again.id).toBe(created.id);
    expect(again.userCredentials.password).toBe(created.userCredentials.password);
  });

  it('with another key, starts keys and replays afresh (and says so) instead of failing', async () => {
    const statePath = path.join(tmp(), 'state.json');
    const first = await startEmulator({ port: 0, statePath, stateKey: randomBytes(32) });
    running.push(first);
    await create(first.url, 'rekey-1', freshPrefix('rekey'));
    await first.close();
    running.pop();
    const logged: string[] = [];
    const second = await startEmulator({ port: 0, statePath, stateKey: randomBytes(32), log: (m) => logged.push(m) });
    running.push(second);
    expect(logged.join('\n')).toMatch(/sealed with another key/);
    expect(Object.keys(second.app.emulator.engine.state.replay)).toEqual([]);
    expect((await createEmulatorControl(second.url).clock()).now).toBeTruthy();
  });

  it('reads a state file written in clear by an older version and seals it at the next save', async () => {
    const dir = tmp();
    const statePath = path.join(dir, 'emulator-state.json');
    const first = await startEmulator({ port: 0, statePath });
    running.push(first);
    const created = await create(first.url, 'legacy-1', freshPrefix('legacy'));
    const clear = { ...first.app.emulator.engine.state };
    await first.close();
    running.pop();
    fs.writeFileSync(statePath, JSON.stringify(clear));
    fs.rmSync(path.join(dir, 'emulator-state.key'));

    const second = await startEmulator({ port: 0, statePath });
    running.push(second);
    expect((await create(second.url, 'legacy-1', freshPrefix('x'))).userCredentials.password).toBe(created.userCredentials.password);
    await createEmulatorControl(second.url).advanceClock({ seconds: 1 });
    expect(fs.readFileSync(statePath, 'utf8')).not.toContain(created.userCredentials.password);
  });
});
