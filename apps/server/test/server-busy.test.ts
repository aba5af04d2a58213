import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';

/** The API under saturation: past the configured turns and queue, 503 SERVER_BUSY with Retry-After at once. */
describe('a saturated server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CSPHUB_MAX_CONCURRENT_REQUESTS: '1', CSPHUB_MAX_QUEUED_REQUESTS: '1' });
  });
  afterAll(() => t?.dispose());

  it('answers requests past its turns and queue with 503, a problem naming SERVER_BUSY and Retry-After; the others are served', async () => {
    const sent = Array.from({ length: 4 }, () => t.app.request('/api/v1/companies/branch'));
    const answers = await Promise.all(sent);
    const statuses = answers.map((r) => r.status);
    // One worked on, one queued behind it: both answered (401, nobody signed in); the rest refused at once.
    expect(statuses).toEqual([401, 401, 503, 503]);
    const refused = answers[2]!;
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { code: string }).code).toBe('SERVER_BUSY');
    // Turns are given back: a later request is served.
    expect((await t.app.request('/api/v1/companies/branch')).status).toBe(401);
    // Health checks are never refused by the API's admission.
    expect((await t.app.request('/healthz')).status).toBe(200);
  });

  it('names a bad setting', async () => {
    await expect(createTestApp({ CSPHUB_MAX_CONCURRENT_REQUESTS: '0' })).rejects.toThrow(/CSPHUB_MAX_CONCURRENT_REQUESTS must be a whole number of requests from 1 to 10000/);
  });
});
