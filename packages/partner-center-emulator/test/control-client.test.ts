import { describe, expect, it } from 'vitest';
import { createEmulatorApp, DEFAULT_SCENARIO } from '../src/index';
import { createEmulatorControl, EmulatorControlError } from '../src/control/control-client';

/** The typed control client against an emulator in this process (`app.request`, no socket). */
function inProcess() {
  const app = createEmulatorApp();
  const control = createEmulatorControl('http://emulator.test/', { fetch: (url, init) => Promise.resolve(app.request(url, init)) });
  return { app, control };
}

describe('emulator control client', () => {
  it('sends typed bodies and returns parsed answers', async () => {
    const { control } = inProcess();
    const before = await control.clock();
    expect((await control.advanceClock({ duration: 'PT1H' })).offsetMs).toBe(before.offsetMs + 3_600_000);
    expect((await control.updateSettings({ orderFulfilmentDelaySeconds: 7 })).orderFulfilmentDelaySeconds).toBe(7);
    const fault = await control.injectFault({ route: 'GET /v1/customers', status: 503, count: 2 });
    expect(fault).toMatchObject({ route: 'GET /v1/customers', status: 503, remaining: 2, fired: 0 });
    expect((await control.faults()).map((f) => f.id)).toEqual([fault.id]);
    await control.deleteFault(fault.id);
    expect(await control.faults()).toEqual([]);
    const state = await control.state();
    expect(state.totals['tenants']).toBe(DEFAULT_SCENARIO.tenants.length);
    expect(state.settings.orderFulfilmentDelaySeconds).toBe(7);
    expect((await control.scenario()).partners.map((p) => p.key)).toEqual(DEFAULT_SCENARIO.partners.map((p) => p.key));
    expect(await control.webhookCertificate()).toContain('-----BEGIN ');
  });

  it('sends a request again once when the kept-alive socket was reset before any answer, and not for other failures', async () => {
    const app = createEmulatorApp();
    const reset = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    let sent = 0;
    const flaky = createEmulatorControl('http://emulator.test/', {
      fetch: (url, init) => (++sent === 1 ? Promise.reject(reset) : Promise.resolve(app.request(url, init))),
    });
    expect((await flaky.clock()).offsetMs).toBe(0);
    expect(sent).toBe(2);
    const refused = createEmulatorControl('http://emulator.test/', { fetch: () => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') })) });
    await expect(refused.clock()).rejects.toThrow('fetch failed');
  });

  it('throws the control plane refusal with its status and message', async () => {
    const { control } = inProcess();
    const refused = await control.advanceClock({ seconds: 1, duration: 'PT1H' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EmulatorControlError);
    expect(refused).toMatchObject({ status: 400, path: '/clock/advance' });
    expect((refused as Error).message).toContain('give exactly one of');
    await expect(control.deleteFault('nope')).rejects.toMatchObject({ status: 404 });
  });

  it('refuses an answer that is not the shape it expects', async () => {
    const control = createEmulatorControl('http://emulator.test', {
      fetch: () => Promise.resolve(new Response(JSON.stringify({ now: 5 }), { status: 200, headers: { 'content-type': 'application/json' } })),
    });
    await expect(control.clock()).rejects.toThrow(/unexpected answer/);
  });
});
