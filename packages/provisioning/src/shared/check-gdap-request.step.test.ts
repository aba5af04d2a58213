import { describe, expect, it } from 'vitest';
import { isAppError } from '@csphub/domain';
import { checkGdapRequestStep } from './check-gdap-request.step';
import { gdapLockPollDelayMs, GDAP_LOCK_MAX_LOOKS } from './await-gdap-lock';
import type { TenantLinkPartnerCenter } from './tenant-link.ports';
import type { StepContext } from '../runtime/step-definition';

const ctx: StepContext = {
  runId: 'r',
  stepId: 'check-gdap-request',
  attempt: 1,
  requestId: undefined,
  correlationId: 'c',
  interruptedRequestIds: [],
  signal: new AbortController().signal,
  onQueued: () => () => {},
  now: () => new Date(0),
};

function stepSeeing(status: string) {
  const pc = { getGdapRequest: async (_rel: string, id: string) => ({ id, status }) } as unknown as TenantLinkPartnerCenter;
  return checkGdapRequestStep({ partnerCenter: async () => pc });
}

const input = { connectionId: 'x', relationshipId: 'rel', requestId: 'req', lastLook: false };

describe('check-gdap-request (Graph acts on a relationship request after answering it)', () => {
  it('reports a request still created or pending, and a succeeded one', async () => {
    expect(await stepSeeing('created').run(input, ctx)).toEqual({ status: 'created' });
    expect(await stepSeeing('pending').run(input, ctx)).toEqual({ status: 'pending' });
    expect(await stepSeeing('succeeded').run({ ...input, lastLook: true }, ctx)).toEqual({ status: 'succeeded' });
  });

  it('stops the run for a retry when the request failed, or is still unsettled at the last look', async () => {
    const failed = await stepSeeing('failed').run(input, ctx).catch((e: unknown) => e);
    expect(isAppError(failed) && failed.code).toBe('PARTNER_CENTER_REFUSED');
    const late = await stepSeeing('created').run({ ...input, lastLook: true }, ctx).catch((e: unknown) => e);
    expect(isAppError(late) && late.code).toBe('PARTNER_CENTER_REFUSED');
  });

  it('waits 2 s, doubling to at most a minute, about an hour in all', () => {
    expect([0, 1, 2, 5, 6, 40].map(gdapLockPollDelayMs)).toEqual([2_000, 4_000, 8_000, 60_000, 60_000, 60_000]);
    const total = Array.from({ length: GDAP_LOCK_MAX_LOOKS }, (_, i) => gdapLockPollDelayMs(i)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(55 * 60_000);
    expect(total).toBeLessThan(65 * 60_000);
  });
});
