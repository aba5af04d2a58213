import { describe, expect, it } from 'vitest';
import { buildRunTimeline, type StepAttemptRecord } from './run-timeline';

const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 10, 0, s));
const attempt = (stepId: string, n: number, state: string, extra: Partial<StepAttemptRecord> = {}): StepAttemptRecord => ({
  stepId,
  attempt: n,
  state,
  errorCode: null,
  errorMessage: null,
  requestId: null,
  correlationId: `corr-${stepId}-${n}`,
  retryAt: null,
  startedAt: at(n),
  finishedAt: at(n + 1),
  ...extra,
});
const run = { id: 'provision-tenant:1:c', state: 'running', currentStep: 'create-customer', failedStep: null, errorCode: null, errorMessage: null, facts: {}, startedAt: at(0), updatedAt: at(9) };

describe('buildRunTimeline', () => {
  it('shows each step once, in run order, with attempts, the last error and the correlation id', () => {
    const t = buildRunTimeline(run, [
      attempt('validate-prerequisites', 1, 'succeeded'),
      attempt('validate-address', 1, 'succeeded'),
      attempt('check-domain', 1, 'succeeded'),
      attempt('create-customer', 1, 'retrying', { errorCode: 'PARTNER_CENTER_UNAVAILABLE', errorMessage: '503', retryAt: at(30) }),
    ]);
    const create = t.steps.find((s) => s.stepId === 'create-customer')!;
    expect(create).toMatchObject({ state: 'retrying', attempts: 1, lastError: { code: 'PARTNER_CENTER_UNAVAILABLE' }, correlationId: 'corr-create-customer-1', retryAt: at(30).toISOString() });
    expect(t.steps.find((s) => s.stepId === 'resolve-reseller')!.state).toBe('skipped'); // no reseller on this run
    expect(t.steps.find((s) => s.stepId === 'confirm-mca')!.state).toBe('pending');
    expect(t.steps.map((s) => s.stepId)[0]).toBe('validate-prerequisites');
  });

  it('counts an attempt cut by a crash and clears the error once the step succeeded', () => {
    const t = buildRunTimeline({ ...run, state: 'succeeded' }, [
      attempt('create-customer', 1, 'interrupted'),
      attempt('create-customer', 2, 'succeeded'),
    ]);
    expect(t.steps.find((s) => s.stepId === 'create-customer')).toMatchObject({ state: 'succeeded', attempts: 2, lastError: null });
  });

  it('shows the administrator set-up right after the tenant is created, skipped by a run that predates it', () => {
    const ids = buildRunTimeline(run, []).steps.map((s) => s.stepId);
    expect(ids.indexOf('set-up-admin')).toBe(ids.indexOf('create-customer') + 1);
    const withStep = buildRunTimeline(run, [attempt('create-customer', 1, 'succeeded'), attempt('set-up-admin', 1, 'succeeded'), attempt('confirm-mca', 1, 'succeeded')]);
    expect(withStep.steps.find((s) => s.stepId === 'set-up-admin')).toMatchObject({ state: 'succeeded' });
    const older = buildRunTimeline(run, [attempt('create-customer', 1, 'succeeded'), attempt('confirm-mca', 1, 'succeeded')]);
    expect(older.steps.find((s) => s.stepId === 'set-up-admin')!.state).toBe('skipped');
  });

  it('reports a stopped run with its failed step and reason', () => {
    const t = buildRunTimeline({ ...run, state: 'failed', failedStep: 'check-domain', errorCode: 'DOMAIN_PREFIX_TAKEN', errorMessage: 'taken' }, [
      attempt('check-domain', 1, 'failed', { errorCode: 'DOMAIN_PREFIX_TAKEN', errorMessage: 'taken' }),
    ]);
    expect(t.error).toEqual({ code: 'DOMAIN_PREFIX_TAKEN', message: 'taken' });
    expect(t.steps.find((s) => s.stepId === 'check-domain')).toMatchObject({ state: 'failed', lastError: { code: 'DOMAIN_PREFIX_TAKEN' } });
  });
});
