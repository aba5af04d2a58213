import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startOnboardingWorld, type OnboardingWorld } from './onboarding-world';

/**
 * Partner Center answering 503 while the wizard checks a domain prefix: the person is told that
 * Microsoft is unavailable and when to try again (503 PARTNER_CENTER_UNAVAILABLE with Retry-After),
 * never "Something went wrong on our side" (500); Microsoft's status stays in a details line.
 */
describe('domain check while Partner Center is unavailable', () => {
  let w: OnboardingWorld;
  beforeAll(async () => {
    w = await startOnboardingWorld();
  }, 60_000);
  afterAll(async () => {
    await w?.stop();
  });

  it('answers 503 with Retry-After and a sentence about Microsoft, not a 500', async () => {
    await w.control.injectFault({ route: 'HEAD /v1/domains/:domain', status: 503, retryAfterSeconds: 1, count: 1000 });
    try {
      const res = await fetch(`${w.publicUrl}/api/v1/companies/${w.customer.id}/onboarding/domain-check?connectionId=${w.conn.id}&prefix=fabrikammx${Date.now() % 100000}`, {
        headers: { cookie: await cookieOf(w, 'ana@adatum.example') },
      });
      const body = (await res.json()) as { code: string; detail: string; errors?: { field?: string; message: string }[] };
      expect(res.status, JSON.stringify(body)).toBe(503);
      expect(body.code).toBe('PARTNER_CENTER_UNAVAILABLE');
      expect(body.detail).toMatch(/Microsoft Partner Center is not available right now/);
      expect(body.detail).toMatch(/try again in \d+ seconds/);
      expect(body.detail).not.toMatch(/on our side/);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(body.errors?.find((e) => e.field === 'microsoft')?.message).toMatch(/HTTP 503|Microsoft code/);
    } finally {
      await w.control.clearFaults();
    }
  }, 60_000);
});

async function cookieOf(w: OnboardingWorld, email: string): Promise<string> {
  const res = await fetch(`${w.publicUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
