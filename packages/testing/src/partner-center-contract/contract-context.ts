import { it } from 'vitest';
import type { ContractControl, ContractTarget } from './contract-target';

/** What each contract family gets: the target (built in `beforeAll`) and what it can do. */
export interface ContractContext {
  /** The target; throws when read before the suite's `beforeAll` ran. */
  readonly target: ContractTarget;
  /** The control plane; throws on a target without one (tests using it are registered with {@link itWithControl}). */
  readonly control: ContractControl;
  readonly hasControlPlane: boolean;
  /** State shared across families of one run (the customer created once and reused). */
  readonly shared: Map<string, unknown>;
}

/**
 * `it` for tests that need the emulator's control plane; on a live target they are skipped and the
 * name says why.
 */
export function itWithControl(ctx: Pick<ContractContext, 'hasControlPlane'>) {
  return (name: string, fn: () => Promise<void>, timeout?: number) =>
    ctx.hasControlPlane
      ? it(name, fn, timeout)
      : it.skip(`${name} [skipped: needs the emulator control plane]`, fn);
}

/** A unique, valid company name. */
export function companyName(prefix: string): string {
  return `Contract ${prefix} Ltd`;
}
