import type { Engine } from './engine';
import { tickGdap } from './gdap-tick.engine';
import { tickCommerce } from './commerce.engine';
import { pruneReplay } from '../protocol/replay';

/**
 * Applies every time-based transition that is due at the current emulator time: order fulfilment,
 * subscription renewal/expiry, cart expiry, GDAP activation/expiry/auto-extend/termination, access
 * assignments, replay pruning. Runs before each request, after the clock moves and (on the server)
 * once a second. Cheap when nothing is due: it skips until `engine.nextDueAt`.
 */
export function tick(engine: Engine): void {
  const now = engine.now();
  if (now < engine.nextDueAt) return;
  let next = Number.POSITIVE_INFINITY;
  next = Math.min(next, tickCommerce(engine, now));
  next = Math.min(next, tickGdap(engine, now));
  pruneReplay(engine);
  // Look again at least once an hour of emulator time, for the replay window.
  engine.nextDueAt = Math.min(next, now + 3_600_000);
}
