import { describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { NCE_WINDOW_MS, isInsideNceWindow, patchSubscription } from './subscriptions.engine';
import { tick } from './tick';
import { addTerm } from './emulator-clock';
import { EmulatorError } from '../errors/emulator-error';

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

  it('expires at term end when auto-renew is off', () => {
    const { engine, sub, move } = setup();
    patchSubscription(engine, sub, undefined, { autoRenewEnabled: false });
    move(sub.commitmentEndAt - engine.now());
    expect(sub.status).toBe('expired');
  });
});
