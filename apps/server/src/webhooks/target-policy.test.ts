import { describe, expect, it } from 'vitest';
import { addressKind, checkResolvedTarget, targetUrlProblem } from './target-policy';

const dev = { allowLoopback: true, allowPrivateTargets: false };
const prod = { allowLoopback: false, allowPrivateTargets: false };

describe('webhook target policy', () => {
  it('classifies addresses', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.2'].map(addressKind)).toEqual(['loopback', 'loopback', 'loopback']);
    expect(['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', 'fd00::1', 'fe80::1', '::', '::ffff:10.0.0.1'].map(addressKind)).toEqual(
      Array(11).fill('private'),
    );
    expect(['8.8.8.8', '172.32.0.1', '2606:4700::1111'].map(addressKind)).toEqual(['public', 'public', 'public']);
  });

  it('takes https to public hosts, and http only to loopback outside production', () => {
    expect(targetUrlProblem('https://hooks.example.com/x', prod)).toBeNull();
    expect(targetUrlProblem('http://127.0.0.1:8080/x', dev)).toBeNull();
    expect(targetUrlProblem('http://localhost:8080/x', dev)).toBeNull();
    expect(targetUrlProblem('http://127.0.0.1:8080/x', prod)).toMatch(/https/);
    expect(targetUrlProblem('https://127.0.0.1/x', prod)).toMatch(/loopback/);
    expect(targetUrlProblem('http://hooks.example.com/x', dev)).toMatch(/https/);
    expect(targetUrlProblem('https://10.0.0.1/x', dev)).toMatch(/private/);
    expect(targetUrlProblem('https://10.0.0.1/x', { ...prod, allowPrivateTargets: true })).toBeNull();
    expect(targetUrlProblem('https://[fd00::1]/x', dev)).toMatch(/private/);
    expect(targetUrlProblem('https://a:b@hooks.example.com/', dev)).toMatch(/user name/);
    expect(targetUrlProblem('not a url', dev)).toBe('not a URL');
  });

  it('refuses at delivery a public name that resolves to a private address', async () => {
    expect(await checkResolvedTarget('https://hooks.example.com/x', prod, async () => ['10.0.0.8'])).toMatch(/resolves to 10\.0\.0\.8/);
    expect(await checkResolvedTarget('https://hooks.example.com/x', prod, async () => ['93.184.216.34'])).toBeNull();
    expect(await checkResolvedTarget('https://nowhere.invalid/x', prod, async () => Promise.reject(new Error('ENOTFOUND')))).toMatch(/could not be resolved/);
  });
});
