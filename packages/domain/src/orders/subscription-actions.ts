import { cancellationWindow, type CancellationWindow } from './cancellation-window';
import type { SeatBounds } from './seat-quantity';

/** Subscription statuses as Partner Center reports them (docs/PARTNER-CENTER-REFERENCE.md §10). */
export const SUBSCRIPTION_STATUSES = ['none', 'active', 'pending', 'suspended', 'expired', 'disabled', 'deleted'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** What a person can ask of a subscription. */
export const SUBSCRIPTION_ACTIONS = ['add_seats', 'reduce_seats', 'cancel', 'enable_auto_renew', 'disable_auto_renew', 'suspend', 'reactivate'] as const;
export type SubscriptionAction = (typeof SUBSCRIPTION_ACTIONS)[number];

/** Why an action is refused; the UI turns each into a sentence. */
export type ActionRefusal =
  /** Sold by another partner: visible, never changed from here. */
  | 'not_ours'
  /** The 168-hour window to reduce or cancel has passed. */
  | 'window_closed'
  /** The subscription's status does not allow it (expired, deleted, pending ...). */
  | 'status'
  | 'at_minimum'
  | 'at_maximum'
  /** Already in the requested state (auto-renew on, active ...). */
  | 'already';

/** The facts the rules need about one subscription. */
export interface SubscriptionFacts {
  status: SubscriptionStatus;
  quantity: number;
  autoRenew: boolean;
  isTrial: boolean;
  /** Sold through this connection's partner account: only those can be changed. */
  isOurs: boolean;
  termStartedAt: Date;
  cancellationAllowedUntil?: Date | undefined;
  bounds: SeatBounds;
}

/** The decision for one action. */
export interface ActionDecision {
  action: SubscriptionAction;
  allowed: boolean;
  reason?: ActionRefusal;
}

/** Every action with its decision, and the window (its time left is shown next to reduce/cancel). */
export interface SubscriptionActionPlan {
  window: CancellationWindow;
  decisions: Record<SubscriptionAction, ActionDecision>;
}

const LIVE: ReadonlySet<SubscriptionStatus> = new Set(['active', 'suspended']);

/**
 * Which actions a subscription allows now. New commerce: seats can be added any time the
 * subscription is active; reduced or the subscription cancelled only inside the 168-hour window;
 * suspend an active one and reactivate a suspended one; auto-renew toggles while it is live.
 * Another partner's subscriptions are read-only. Microsoft stays the judge: a refusal it still
 * answers is explained to the user (see `explainSubscriptionRefusal`).
 */
export function planSubscriptionActions(s: SubscriptionFacts, now: Date): SubscriptionActionPlan {
  const window = cancellationWindow({ termStartedAt: s.termStartedAt, cancellationAllowedUntil: s.cancellationAllowedUntil }, now);
  const decide = (action: SubscriptionAction): ActionDecision => {
    const no = (reason: ActionRefusal): ActionDecision => ({ action, allowed: false, reason });
    if (!s.isOurs) return no('not_ours');
    if (!LIVE.has(s.status)) return no('status');
    switch (action) {
      case 'add_seats':
        if (s.status !== 'active' || s.isTrial) return no('status');
        return s.quantity >= s.bounds.maximum ? no('at_maximum') : { action, allowed: true };
      case 'reduce_seats':
        if (s.status !== 'active') return no('status');
        if (s.quantity <= s.bounds.minimum) return no('at_minimum');
        return window.isOpen ? { action, allowed: true } : no('window_closed');
      case 'cancel':
        return window.isOpen ? { action, allowed: true } : no('window_closed');
      case 'enable_auto_renew':
        return s.autoRenew ? no('already') : { action, allowed: true };
      case 'disable_auto_renew':
        return s.autoRenew ? { action, allowed: true } : no('already');
      case 'suspend':
        return s.status === 'active' ? { action, allowed: true } : no('already');
      case 'reactivate':
        return s.status === 'suspended' ? { action, allowed: true } : no('already');
    }
  };
  const decisions = Object.fromEntries(SUBSCRIPTION_ACTIONS.map((a) => [a, decide(a)])) as Record<SubscriptionAction, ActionDecision>;
  return { window, decisions };
}

/**
 * The action a requested change amounts to, so a route can check it against the plan before
 * calling Microsoft. A quantity equal to the current one is no change (undefined).
 */
export function actionOfChange(current: { quantity: number }, change: { quantity?: number; status?: 'active' | 'suspended' | 'deleted'; autoRenew?: boolean }): SubscriptionAction | undefined {
  if (change.status === 'deleted') return 'cancel';
  if (change.status === 'suspended') return 'suspend';
  if (change.status === 'active') return 'reactivate';
  if (change.quantity !== undefined && change.quantity !== current.quantity) return change.quantity > current.quantity ? 'add_seats' : 'reduce_seats';
  if (change.autoRenew !== undefined) return change.autoRenew ? 'enable_auto_renew' : 'disable_auto_renew';
  return undefined;
}
