import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { loadOrCreateSelfSignedCertificate, startEmulator, type RunningEmulator } from '../src/index';
import { LATAM } from './support/emulator-harness';

const tmpDirs: string[] = [];
const children: ChildProcess[] = [];
const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGTERM');
  for (const r of running.splice(0)) await r.close();
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-emulator-tls-'));
  tmpDirs.push(dir);
  return dir;
}

/** GET over https trusting only `ca` (the emulator's self-signed certificate): proves the chain and host check pass. */
function getTrusting(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('HTTPS (--tls) and the public URL (--public-url)', () => {
  it('serves HTTPS with a self-signed certificate kept in the data folder, reused on the next start', async () => {
    const dir = tmpDir();
    const identity = await loadOrCreateSelfSignedCertificate(dir, ['127.0.0.1']);
    expect(identity.certPath).toBe(path.join(dir, 'emulator-tls.crt'));
    expect(fs.statSync(path.join(dir, 'emulator-tls.key')).mode & 0o777).toBe(0o600);
    const emulator = await startEmulator({ port: 0, tls: identity });
    running.push(emulator);
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await getTrusting(`${emulator.url}/login/${LATAM.tenantId}/v2.0/.well-known/openid-configuration`, identity.cert);
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as { token_endpoint: string }).token_endpoint).toBe(`${emulator.url}/login/${LATAM.tenantId}/oauth2/v2.0/token`);
    const again = await loadOrCreateSelfSignedCertificate(dir, ['127.0.0.1']);
    expect(again.cert).toBe(identity.cert);
  });

  it('CLI: --tls --public-url writes the certificate beside the state and uses the public URL in absolute links', async () => {
    const root = path.resolve(__dirname, '../../..');
    const dir = tmpDir();
    const statePath = path.join(dir, 'emulator-state.json');
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/.bin/csp-emulator'), '--port', '0', '--quiet', '--state', statePath, '--tls', '--public-url', 'https://pc-emulator.example.test/'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line; output so far:\n${out}`)), 30_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (https:\/\/[^\s]+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
    });
    const certPath = path.join(dir, 'emulator-tls.crt');
    expect(out).toContain(certPath);
    const cert = fs.readFileSync(certPath, 'utf8');
    const doc = await getTrusting(`${url}/login/${LATAM.domain}/v2.0/.well-known/openid-configuration`, cert);
    expect(JSON.parse(doc.body)).toMatchObject({
      token_endpoint: `https://pc-emulator.example.test/login/${LATAM.tenantId}/oauth2/v2.0/token`,
      jwks_uri: `https://pc-emulator.example.test/login/${LATAM.tenantId}/discovery/v2.0/keys`,
    });
    child.kill('SIGTERM');
    expect(await new Promise<number | null>((resolve) => child.once('exit', resolve))).toBe(0);
  }, 60_000);

  it('CLI: refuses a --public-url that is not an http(s) origin, naming the flag', async () => {
    const root = path.resolve(__dirname, '../../..');
    const child = spawn(process.execPath, [path.join(root, 'node_modules/.bin/csp-emulator'), '--port', '0', '--public-url', 'ftp://x'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    expect(await new Promise<number | null>((resolve) => child.once('exit', resolve))).toBe(1);
    expect(err).toContain('--public-url');
  }, 30_000);
});
