import { describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { NCE_WINDOW_MS, isInsideNceWindow, patchSubscription } from './subscriptions.engine';
import { tick } from './tick';
import { addTerm } from './emulator-clock';
import { EmulatorError } from '../errors/emulator-error';
import { scheduledActionsOf } from './end-of-term.engine';

function setup() {
  let now = Date.parse('2026-05-10T12:00:00Z');
  const engine = new Engine(DEFAULT_SCENARIO, { clock: { now: () => now } });
  const move = (ms: number) => {
    now += ms;
    tick(engine);
  };
  // Wingtip's seeded subscription started 3 days ago (P1Y, monthly, auto-renew).
  const sub = Object.values(engine.state.subscriptions).find((s) => s.offerId.startsWith('CFQ7TTC0LH18'))!;
  return { engine, sub, move };
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof EmulatorError ? (error.body as { code: number }).code : error;
  }
};

describe('NCE subscription rules (docs/PARTNER-CENTER-REFERENCE.md §10)', () => {
  it('the 168-hour window opens at purchase and again at each renewal', () => {
    const { engine, sub, move } = setup();
    expect(isInsideNceWindow(engine, sub)).toBe(true);
    move(sub.termStartAt + NCE_WINDOW_MS - engine.now());
    expect(isInsideNceWindow(engine, sub)).toBe(false);
    expect(codeOf(() => patchSubscription(engine, sub, undefined, { quantity: sub.quantity - 1 }))).toBe(800090);
    expect(codeOf(() => patchSubscription(engine, sub, undefined, { status: 'deleted' }))).toBe(900117);
    const end = sub.commitmentEndAt;
    move(end - engine.now());
    expect(sub.termStartAt).toBe(end);
    expect(sub.commitmentEndAt).toBe(addTerm(end, 'P1Y'));
    expect(isInsideNceWindow(engine, sub)).toBe(true);
    expect(codeOf(() => patchSubscription(engine, sub, undefined, { quantity: sub.quantity - 1 }))).toBeUndefined();
  });

  it('rolls into the paid Extended Service Term at term end when auto-renew is off: monthly, same id, cancellable at any time, nothing else', () => {
    const { engine, sub, move } = setup();
    patchSubscription(engine, sub, undefined, { autoRenewEnabled: false });
    const end = sub.commitmentEndAt;
    move(end - engine.now());
    expect(sub.status).toBe('active');
    expect([sub.termDuration, sub.billingCycle, sub.extendedServiceTermSince]).toEqual(['P1M', 'monthly', end]);
    expect(sub.commitmentEndAt).toBe(addTerm(end, 'P1M'));
    // A month on it runs another month; seats cannot change, but it can be cancelled after its 7 days.
    move(sub.commitmentEndAt - engine.now() + NCE_WINDOW_MS);
    expect(sub.commitmentEndAt).toBe(addTerm(addTerm(end, 'P1M'), 'P1M'));
    expect(codeOf(() => patchSubscription(engine, sub, undefined, { quantity: sub.quantity + 1 }))).toBe(3000);
    patchSubscription(engine, sub, undefined, { status: 'deleted' });
    expect(sub.status).toBe('deleted');
  });

  it('expires at term end when auto-renew is off and the term ended before the Extended Service Term existed', () => {
    let now = Date.parse('2025-06-01T12:00:00Z');
    const engine = new Engine(DEFAULT_SCENARIO, { clock: { now: () => now } });
    const sub = Object.values(engine.state.subscriptions).find((s) => s.offerId.startsWith('CFQ7TTC0LH18'))!;
    sub.commitmentEndAt = Date.parse('2025-07-01T00:00:00Z');
    patchSubscription(engine, sub, undefined, { autoRenewEnabled: false });
    now = sub.commitmentEndAt + 1;
    tick(engine);
    expect(sub.status).toBe('expired');
  });
});

describe('cancel at term end (a Cancel scheduled action at TermEnd)', () => {
  const cancel = [{ scheduleType: 'TermEnd', actionType: 'Cancel' }];

  it('ends the subscription with its term instead of the Extended Service Term', () => {
    const { engine, sub, move } = setup();
    expect(codeOf(() => patchSubscription(engine, sub, undefined, { scheduledActions: cancel }))).toBe(3000);
    patchSubscription(engine, sub, undefined, { autoRenewEnabled: false, scheduledActions: cancel });
    expect(scheduledActionsOf(sub).map((a) => a.actionType)).toEqual(['Cancel']);
    // The client sends the list back with every later change: it changes nothing.
    patchSubscription(engine, sub, undefined, { friendlyName: 'Renamed', scheduledActions: scheduledActionsOf(sub) });
    expect(sub.cancelAtTermEnd).toBe(true);
    move(sub.commitmentEndAt - engine.now());
    expect(sub.status).toBe('deleted');
  });

  it('is dropped when auto-renew is turned on again, and RenewToExtendedServiceTerm takes it back', () => {
    const { engine, sub } = setup();
    patchSubscription(engine, sub, undefined, { autoRenewEnabled: false, scheduledActions: cancel });
    patchSubscription(engine, sub, undefined, { scheduledActions: [{ scheduleType: 'TermEnd', actionType: 'RenewToExtendedServiceTerm' }] });
    expect(sub.cancelAtTermEnd).toBeUndefined();
    patchSubscription(engine, sub, undefined, { scheduledActions: cancel });
    patchSubscription(engine, sub, undefined, { autoRenewEnabled: true, scheduledActions: scheduledActionsOf(sub) });
    expect(sub.cancelAtTermEnd).toBeUndefined();
    expect(scheduledActionsOf(sub).map((a) => a.actionType)).toEqual(['RenewToNewTerm']);
  });
});

describe('changes scheduled for the renewal (Learn: "Schedule changes for a new commerce subscription")', () => {
  const next = (sub: { productId: string; skuId: string }, quantity: number, termDuration = 'P1Y', billingCycle = 'monthly') => ({
    product: { productId: sub.productId, skuId: sub.skuId, availabilityId: `${sub.productId}AV01`, billingCycle, termDuration },
    quantity,
  });

  it('renews with the scheduled seats and term, leaving the current term as it is', () => {
    const { engine, sub, move } = setup();
    const seats = sub.quantity;
    patchSubscription(engine, sub, undefined, { scheduledNextTermInstructions: next(sub, seats + 5, 'P1M') });
    expect(sub.quantity).toBe(seats);
    const end = sub.commitmentEndAt;
    move(end - engine.now());
    expect([sub.quantity, sub.termDuration, sub.termStartAt, sub.commitmentEndAt]).toEqual([seats + 5, 'P1M', end, addTerm(end, 'P1M')]);
    expect(sub.scheduledNextTerm).toBeUndefined();
  });

  it('a change of seats in the current term deletes what was scheduled', () => {
    const { engine, sub } = setup();
    patchSubscription(engine, sub, undefined, { scheduledNextTermInstructions: next(sub, 3) });
    expect(sub.scheduledNextTerm?.quantity).toBe(3);
    // The client sends the whole subscription back, instructions included: they still go.
    patchSubscription(engine, sub, undefined, { quantity: sub.quantity + 1, scheduledNextTermInstructions: next(sub, 3) });
    expect(sub.scheduledNextTerm).toBeUndefined();
  });

  it('a refused PATCH changes nothing, not even the fields before the refused one', () => {
    const { engine, sub } = setup();
    const etag = sub.etag;
    expect(codeOf(() => patchSubscription(engine, sub, undefined, { autoRenewEnabled: false, friendlyName: 'x', scheduledActions: [{ scheduleType: 'CustomDate', actionType: 'Cancel' }] }))).toBe(3000);
    expect([sub.autoRenewEnabled, sub.friendlyName === 'x', sub.etag]).toEqual([true, false, etag]);
  });

  it('needs auto-renew on, a term the SKU offers and seats within its bounds', () => {
    const { engine, sub } = setup();
    expect(codeOf(() => patchSubscription(engine, sub, undefined, { scheduledNextTermInstructions: next(sub, 3, 'P1M', 'annual') }))).toBe(3000);
    expect(codeOf(() => patchSubscription(engine, sub, undefined, { scheduledNextTermInstructions: next(sub, 301) }))).toBe(2002);
    patchSubscription(engine, sub, undefined, { autoRenewEnabled: false });
    expect(codeOf(() => patchSubscription(engine, sub, undefined, { scheduledNextTermInstructions: next(sub, 3) }))).toBe(3000);
    expect(sub.scheduledNextTerm).toBeUndefined();
  });
});
