import type { ContractContext } from './contract-context';

/**
 * Waits for something Microsoft does asynchronously (an order completing, a GDAP relationship
 * activating). On the emulator it moves the emulator's clock forward between checks (no real
 * waiting); on a live target it polls with real sleeps, up to `liveTimeoutMs`.
 */
export async function eventually<T>(
  ctx: ContractContext,
  check: () => Promise<T | undefined>,
  options: { stepMs: number; maxSteps?: number; liveTimeoutMs?: number; what: string },
): Promise<T> {
  const deadline = Date.now() + (options.liveTimeoutMs ?? 15 * 60_000);
  for (let step = 0; step < (options.maxSteps ?? 60); step++) {
    const value = await check();
    if (value !== undefined) return value;
    if (ctx.hasControlPlane) await ctx.control.advanceClock(options.stepMs);
    else {
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, Math.min(options.stepMs, 30_000)));
    }
  }
  throw new Error(`Gave up waiting for ${options.what}`);
}
