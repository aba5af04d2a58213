import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { startEmulator, DEFAULT_SCENARIO, type RunningEmulator } from '../src/index';
import { customerBody, freshPrefix, LATAM } from './support/emulator-harness';

const tmpDirs: string[] = [];
const running: RunningEmulator[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
  for (const c of children.splice(0)) c.kill('SIGTERM');
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-emulator-'));
  tmpDirs.push(dir);
  return dir;
}

async function token(url: string): Promise<string> {
  const res = await fetch(`${url}/login/${LATAM.tenantId}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, resource: 'https://api.partnercenter.microsoft.com' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('state file (startEmulator with statePath)', () => {
  it('keeps customers, clock offset, replay entries and settings across a restart, written atomically', async () => {
    const dir = tmpDir();
    const statePath = path.join(dir, 'nested', 'emulator-state.json');
    const first = await startEmulator({ port: 0, statePath });
    running.push(first);
    const t = await token(first.url);
    const prefix = freshPrefix('persist');
    const created = await fetch(`${first.url}/v1/customers`, { method: 'POST', headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json', 'MS-RequestId': 'persist-1' }, body: JSON.stringify(customerBody(prefix)) });
    const id = ((await created.json()) as { id: string }).id;
    await fetch(`${first.url}/_emulator/clock/advance`, { method: 'POST', body: JSON.stringify({ seconds: 3600 }) });
    await fetch(`${first.url}/_emulator/settings`, { method: 'PUT', body: JSON.stringify({ orderFulfilmentDelaySeconds: 5 }) });
    const issuedBeforeRestart = await token(first.url);
    expect(fs.existsSync(statePath)).toBe(true);
    expect(fs.readdirSync(path.dirname(statePath)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await first.close();
    running.pop();

    const second = await startEmulator({ port: 0, statePath });
    running.push(second);
    const t2 = await token(second.url);
    const head = await fetch(`${second.url}/v1/domains/${prefix}.onmicrosoft.com`, { method: 'HEAD', headers: { Authorization: `Bearer ${t2}` } });
    expect(head.status).toBe(200);
    const get = await fetch(`${second.url}/v1/customers/${id}`, { headers: { Authorization: `Bearer ${t2}` } });
    expect(get.status).toBe(200);
    // The replay survives: the same MS-RequestId answers the same customer, nothing new is made.
    const replay = await fetch(`${second.url}/v1/customers`, { method: 'POST', headers: { Authorization: `Bearer ${t2}`, 'Content-Type': 'application/json', 'MS-RequestId': 'persist-1' }, body: JSON.stringify(customerBody(prefix)) });
    expect(((await replay.json()) as { id: string }).id).toBe(id);
    const clock = (await (await fetch(`${second.url}/_emulator/clock`)).json()) as { offsetMs: number };
    expect(clock.offsetMs).toBe(3_600_000);
    expect(((await (await fetch(`${second.url}/_emulator/settings`)).json()) as { orderFulfilmentDelaySeconds: number }).orderFulfilmentDelaySeconds).toBe(5);
    // A token signed before the restart is still valid (the signing key is part of the state);
    // the one from before the clock moved an hour has expired.
    expect((await fetch(`${second.url}/v1/customers/${id}`, { headers: { Authorization: `Bearer ${issuedBeforeRestart}` } })).status).toBe(200);
    expect((await fetch(`${second.url}/v1/customers/${id}`, { headers: { Authorization: `Bearer ${t}` } })).status).toBe(401);
    const saved = JSON.parse(fs.readFileSync(statePath, 'utf8')) as { version: number; tenants: Record<string, unknown> };
    expect(saved.version).toBe(1);
    expect(Object.keys(saved.tenants)).toContain(id);
  });

  it('gives a state saved before a setting existed that setting\'s default', async () => {
    const statePath = path.join(tmpDir(), 'older.json');
    const first = await startEmulator({ port: 0, statePath });
    await first.close();
    const saved = JSON.parse(fs.readFileSync(statePath, 'utf8')) as { settings: Record<string, unknown> };
    delete saved.settings['gdapRequestDelaySeconds'];
    delete saved.settings['gdapOperationDelaySeconds'];
    fs.writeFileSync(statePath, JSON.stringify(saved));
    const second = await startEmulator({ port: 0, statePath });
    running.push(second);
    const settings = (await (await fetch(`${second.url}/_emulator/settings`)).json()) as Record<string, unknown>;
    expect(settings).toMatchObject({ gdapRequestDelaySeconds: 0, gdapOperationDelaySeconds: 10 });
  });

  it('refuses a state file of another version instead of silently reseeding', async () => {
    const statePath = path.join(tmpDir(), 'bad.json');
    fs.writeFileSync(statePath, JSON.stringify({ version: 99 }));
    await expect(startEmulator({ port: 0, statePath })).rejects.toThrow(/unsupported emulator state version/);
  });

  it('serves on a free port and closes cleanly', async () => {
    const a = await startEmulator({ port: 0, scenario: DEFAULT_SCENARIO });
    running.push(a);
    expect(a.port).toBeGreaterThan(0);
    expect(a.url).toBe(`http://127.0.0.1:${a.port}`);
    const scenario = (await (await fetch(`${a.url}/_emulator/scenario`)).json()) as { urls: { partnerCenter: string } };
    expect(scenario.urls.partnerCenter).toBe(`${a.url}/v1`);
  });

  it('a dropped-connection fault closes the socket on the real server', async () => {
    const a = await startEmulator({ port: 0 });
    running.push(a);
    await fetch(`${a.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ route: 'GET /v1/customers', drop: true }) });
    const t = await token(a.url);
    await expect(fetch(`${a.url}/v1/customers`, { headers: { Authorization: `Bearer ${t}` } })).rejects.toThrow();
    expect((await fetch(`${a.url}/v1/customers`, { headers: { Authorization: `Bearer ${t}` } })).status).toBe(200);
  });
});

describe('CLI (npx csp-emulator)', () => {
  it('starts, prints the scenario and the URL, and serves the token endpoint and HEAD /v1/domains', async () => {
    const root = path.resolve(__dirname, '../../..');
    const child = spawn(process.execPath, [path.join(root, 'node_modules/.bin/csp-emulator'), '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line; output so far:\n${out}`)), 20_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (http:\/\/[^\s]+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
    });
    for (const p of DEFAULT_SCENARIO.partners) {
      expect(out).toContain(p.tenantId);
      expect(out).toContain(p.app.appSecret);
      expect(out).toContain(p.partnerId);
    }
    const t = await token(url);
    const free = await fetch(`${url}/v1/domains/${freshPrefix('cli')}.onmicrosoft.com`, { method: 'HEAD', headers: { Authorization: `Bearer ${t}` } });
    expect(free.status).toBe(404);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });

  it('loads a custom scenario with --scenario and keeps state with --state', async () => {
    const root = path.resolve(__dirname, '../../..');
    const dir = tmpDir();
    const scenarioPath = path.join(dir, 'tiny.json');
    const tiny = { ...DEFAULT_SCENARIO, name: 'tiny-cli', tenants: [], resellers: [], partners: [DEFAULT_SCENARIO.partners[0]!] };
    fs.writeFileSync(scenarioPath, JSON.stringify(tiny));
    const statePath = path.join(dir, 'state.json');
    const child = spawn(process.execPath, [path.join(root, 'node_modules/.bin/csp-emulator'), '--port', '0', '--scenario', scenarioPath, '--state', statePath], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('listening on')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    expect(out).toContain("Scenario 'tiny-cli'");
    expect(out).toContain(`state ${statePath}`);
    expect(JSON.parse(fs.readFileSync(statePath, 'utf8')).scenario.name).toBe('tiny-cli');
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  });
});
