import { describe, expect, it } from 'vitest';
import { derivedRequestId, RunBookkeeping } from './run-bookkeeping';

describe('derivedRequestId', () => {
  it('is the same for the same run, step, occurrence and responses: a crashed attempt and its rerun send one id', () => {
    expect(derivedRequestId('run-1', 'create-customer', 1, 0)).toBe(derivedRequestId('run-1', 'create-customer', 1, 0));
  });

  it('changes after a response, for another occurrence of the step, another step and another run', () => {
    const first = derivedRequestId('run-1', 'create-customer', 1, 0);
    const others = [
      derivedRequestId('run-1', 'create-customer', 1, 1),
      derivedRequestId('run-1', 'create-customer', 2, 0),
      derivedRequestId('run-1', 'check-domain', 1, 0),
      derivedRequestId('run-2', 'create-customer', 1, 0),
    ];
    expect(new Set([first, ...others]).size).toBe(5);
  });

  it('is a GUID as Partner Center expects in MS-RequestId', () => {
    expect(derivedRequestId('run-1', 'create-customer', 1, 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('RunBookkeeping.queueRun', () => {
  const base = { id: 'run-1', kind: 'provision-tenant', subjectId: '7', connectionId: 'c' };

  it('skips an update that changes nothing and keeps one that does', () => {
    const books = new RunBookkeeping('run-1');
    expect(books.queueRun({ ...base, state: 'running', currentStep: 'check-mca' })).toBe(true);
    expect(books.queueRun({ ...base, state: 'running', currentStep: 'check-mca' })).toBe(false);
    expect(books.takePendingRun()).toEqual({ ...base, state: 'running', currentStep: 'check-mca' });
    expect(books.queueRun({ ...base, state: 'running', currentStep: 'check-mca' })).toBe(false);
    expect(books.takePendingRun()).toBeUndefined();
    expect(books.queueRun({ ...base, state: 'running', currentStep: 'check-mca', facts: { mcaStatus: 'declined' } })).toBe(true);
  });

  it('merges queued updates as consecutive writes would: the last state, the facts of both', () => {
    const books = new RunBookkeeping('run-1');
    books.queueRun({ ...base, state: 'running', currentStep: 'create-customer', facts: { tenantId: 't' } });
    books.queueRun({ ...base, state: 'running', currentStep: 'set-up-admin', facts: { domain: 'd' } });
    books.queueRun({ ...base, state: 'running', currentStep: 'confirm-mca' });
    expect(books.takePendingRun()).toEqual({ ...base, state: 'running', currentStep: 'confirm-mca', facts: { tenantId: 't', domain: 'd' } });
  });

  it('counts occurrences of each step', () => {
    const books = new RunBookkeeping('run-1');
    expect([books.nextOccurrence('a'), books.nextOccurrence('b'), books.nextOccurrence('a')]).toEqual([1, 1, 2]);
  });
});
