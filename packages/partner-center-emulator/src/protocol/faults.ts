import type { FaultRule } from '../engine/emulator-state';
import type { Engine } from '../engine/engine';

/**
 * Fault injection per route (control plane `POST /_emulator/faults`). A rule's `route` is
 * `METHOD /path` where a path segment may be `:name` (one segment) or `*` (the rest); the method
 * may be `*`. Rules are checked in creation order; the first that matches and fires wins.
 */
export function routeMatches(route: string, method: string, path: string): boolean {
  const space = route.indexOf(' ');
  const ruleMethod = space === -1 ? '*' : route.slice(0, space).toUpperCase();
  const rulePath = space === -1 ? route : route.slice(space + 1).trim();
  if (ruleMethod !== '*' && ruleMethod !== method.toUpperCase()) return false;
  const want = rulePath.split('/').filter(Boolean);
  const got = path.split('?')[0]!.split('/').filter(Boolean);
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (w === '*') return true;
    const g = got[i];
    if (g === undefined) return false;
    if (w.startsWith(':')) continue;
    if (decodeURIComponent(g).toLowerCase() !== w.toLowerCase()) return false;
  }
  return want.length === got.length;
}

/** Picks the fault to apply to this request, consuming one use of it; undefined when none fires. */
export function takeFault(engine: Engine, method: string, path: string): FaultRule | undefined {
  for (const rule of engine.state.faults) {
    if (rule.remaining !== undefined && rule.remaining <= 0) continue;
    if (!routeMatches(rule.route, method, path)) continue;
    if (rule.probability !== undefined && engine.random() >= rule.probability) continue;
    if (rule.remaining !== undefined) rule.remaining -= 1;
    rule.fired += 1;
    engine.markDirty();
    return rule;
  }
  return undefined;
}
