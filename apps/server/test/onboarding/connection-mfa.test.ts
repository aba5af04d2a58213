import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToStack, startStack, usCustomerBody, type Stack } from '@csphub/testing';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';

/**
 * A connection whose refresh token lacks the MFA claim (docs/PARTNER-CENTER-REFERENCE.md §1.2), through the
 * API of the real server process (durable runs, embedded database and emulator): the connection
 * test says so, a new-tenant run stops in needs_attention with a message to re-consent, the
 * re-consent (sign-in with MFA at the emulator's authorize page, code redeemed by the server)
 * replaces the refresh token, is audited, and Retry then takes the run to succeeded.
 */
describe('MFA claim missing on a connection: health, needs_attention, re-consent, retry (whole server)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { DATABASE_URL: '' } });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const signIn = async (email: string) => (await signInToStack(stack.url, email)).api;

  const control = () => createEmulatorControl(stack.emulatorUrl);

  it('reports the missing claim, stops the run for a person, and re-consent plus Retry fix it', async () => {
    // The partner user's sign-in behind both demo connections did not pass MFA.
    await control().setRefreshTokenMfa({ partner: 'distributor-latam', mfa: false });
    await control().setRefreshTokenMfa({ partner: 'distributor-europe', mfa: false });

    const reseller = await signIn('reseller@demo.test');
    const distributor = await signIn('distributor@demo.test');
    const home = (await reseller('GET', '/api/v1/auth/session')).body.company.id as number;
    const created = await reseller('POST', '/api/v1/companies', usCustomerBody(home, 'Fabrikam MFA Co', 'it@fabrikammfa.example'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const companyId = created.body.id as number;
    const connectionId = (await reseller('GET', `/api/v1/companies/${companyId}/onboarding`)).body.defaultConnectionId as string;

    // The connection page's health check says what is wrong and how to fix it.
    const tested = await distributor('POST', `/api/v1/connections/${connectionId}/test`);
    expect(tested.status, JSON.stringify(tested.body)).toBe(200);
    expect(tested.body.ok).toBe(false);
    const checks = Object.fromEntries((tested.body.checks as { name: string; ok: boolean; detail: string }[]).map((c) => [c.name, c]));
    expect(checks['app-only-token']).toMatchObject({ ok: true });
    expect(checks['mfa-claim']).toMatchObject({ ok: false, detail: expect.stringMatching(/no MFA claim/) });
    const listed = (await distributor('GET', '/api/v1/connections')).body.items.find((c: { id: string }) => c.id === connectionId);
    expect(listed.lastTestResult.checks.find((c: { name: string }) => c.name === 'mfa-claim').ok).toBe(false);
    expect(listed.refreshTokenHealth).toMatchObject({ state: 'ok', daysLeft: 90 });

    // A new-tenant run stops at its first App+User step, for a person, with the fix in its message.
    const start = await reseller('POST', `/api/v1/companies/${companyId}/onboarding/new-tenant`, {
      connectionId,
      domainPrefix: `fabrikammfa${Date.now() % 1_000_000}`,
      culture: 'en-US',
      defaultGdap: true,
      attestation: { firstName: 'Ana', lastName: 'Mfa', email: 'ana@fabrikammfa.example', acceptedAt: '2026-01-15T00:00:00.000Z' },
    });
    expect(start.status, JSON.stringify(start.body)).toBe(202);
    const runId = start.body.runId as string;
    type RunBody = { id: string; state: string; failedStep: string | null; errorCode: string | null; errorMessage: string | null };
    const runOf = async () => ((await reseller('GET', `/api/v1/companies/${companyId}/onboarding/runs`)).body.items as RunBody[]).find((r) => r.id === runId);
    const waitFor = async (state: string) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const run = await runOf();
        if (run?.state === state) return run;
        if (Date.now() > deadline) throw new Error(`the run is ${run?.state} (${run?.errorCode}: ${run?.errorMessage}), not ${state}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const stopped = await waitFor('needs_attention');
    expect(stopped.errorCode).toBe('MFA_REQUIRED');
    expect(stopped.failedStep).toBe('confirm-mca');
    expect(stopped.errorMessage).toMatch(/re-consent/i);

    // Re-consent: Microsoft's sign-in page (the emulator's), with MFA, back to CSP Hub with a code.
    const consent = await distributor('POST', `/api/v1/connections/${connectionId}/consent`);
    expect(consent.status, JSON.stringify(consent.body)).toBe(200);
    const url = new URL(consent.body.url as string);
    // Back to the web app's consent page on CSP Hub's public URL.
    const redirect = new URL(url.searchParams.get('redirect_uri')!);
    expect({ port: redirect.port, path: redirect.pathname }).toEqual({ port: new URL(stack.url).port, path: '/connections/consent' });
    expect((await fetch(url)).status).toBe(200);
    const form = new URLSearchParams(url.searchParams);
    form.set('mfa', 'true');
    const signedIn = await fetch(`${url.origin}${url.pathname}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
    expect(signedIn.status).toBe(302);
    const back = new URL(signedIn.headers.get('location')!);
    const code = back.searchParams.get('code')!;
    const state = back.searchParams.get('state')!;

    // A state for another connection, or a forged one, is a 400 that says to start again.
    const forged = await distributor('POST', `/api/v1/connections/${connectionId}/consent/complete`, { code, state: 'forged' });
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('VALIDATION_FAILED');
    // The reseller cannot re-consent the distributor's connection.
    expect([403, 404]).toContain((await reseller('POST', `/api/v1/connections/${connectionId}/consent/complete`, { code, state })).status);

    const done = await distributor('POST', `/api/v1/connections/${connectionId}/consent/complete`, { code, state });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.test.ok, JSON.stringify(done.body.test)).toBe(true);
    expect(done.body.test.checks.find((c: { name: string }) => c.name === 'mfa-claim')).toMatchObject({ ok: true });
    expect(done.body.connection).toMatchObject({ hasRefreshToken: true, refreshTokenHealth: { state: 'ok', ageDays: 0 } });
    // The code is spent.
    expect((await distributor('POST', `/api/v1/connections/${connectionId}/consent/complete`, { code, state })).status).toBe(400);

    const audit = await distributor('GET', `/api/v1/audit-log?action=connection.reconsented`);
    expect(audit.status).toBe(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'connection.reconsented', targetId: connectionId });
    expect(JSON.stringify(audit.body.items[0])).not.toContain('emu-rt-');

    // Retry after re-consent: the run goes on to the end.
    const retry = await reseller('POST', `/api/v1/companies/${companyId}/onboarding/runs/${encodeURIComponent(runId)}/retry`);
    expect(retry.status, JSON.stringify(retry.body)).toBe(202);
    await waitFor('succeeded');
  }, 150_000);
});
