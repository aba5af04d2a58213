import { Webhook } from 'standardwebhooks';
import { createRepos, type Database, type DueDelivery, type SecretBox } from '@csphub/db';
import type { Notifier } from '@csphub/notifications';
import type { Clock } from '@csphub/domain';
import type { Logger } from '../logger';
import { resolveTarget, type TargetPolicy } from './target-policy';
import { postPinned, type PinnedPost } from './pinned-post';

/**
 * Wait after each failed attempt (Standard Webhooks' suggested shape): ten attempts over about 75
 * hours, so a receiver may be away for three days without losing an event. After the last one the
 * delivery is failed for good and the subscription is disabled with a notice.
 */
export const RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;
/** How long a claimed delivery is held by one worker before another may send it again. */
const LEASE_MS = 60_000;
const REQUEST_TIMEOUT_MS = 15_000;

export interface DispatcherDeps {
  db: Database;
  box: SecretBox;
  clock: Clock;
  policy: TargetPolicy;
  notifier: Pick<Notifier, 'send'>;
  publicUrl: string;
  logger?: Logger | undefined;
  /** The HTTP client (tests may wrap it); {@link postPinned}, which connects to the checked address, by default. */
  post?: PinnedPost;
  /** Name resolution for the private-address check, done once per attempt (tests); the system resolver by default. */
  resolve?: (host: string) => Promise<string[]>;
}

export interface TickResult {
  fannedOut: number;
  attempted: number;
  succeeded: number;
  failed: number;
}

/** The body of a delivery: Standard Webhooks' `type`/`timestamp`/`data`, with the event id and payload version. */
export function deliveryBody(e: DueDelivery['event']): string {
  return JSON.stringify({ id: e.id, type: e.type, version: e.version, timestamp: e.occurredAt.toISOString(), data: e.data });
}

/** The three Standard Webhooks headers, signed with every live secret (space-separated, so a rotation does not break receivers). */
export function signDelivery(msgId: string, at: Date, body: string, secrets: string[]): Record<string, string> {
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(msgId, at, body)).join(' '),
  };
}

/**
 * The webhook dispatcher, driven by the database and the one Clock: each tick fans new events out
 * to the subscriptions that want them, then sends the deliveries that are due. Nothing lives only in
 * memory: a process that dies between a change and its delivery leaves the event (written with the
 * change) and the delivery rows for the next tick, here or on another worker.
 */
export function createWebhookDispatcher(deps: DispatcherDeps) {
  const repos = () => createRepos(deps.db, deps.box);
  const post = deps.post ?? postPinned;

  async function attempt(d: DueDelivery): Promise<{ ok: boolean; responseCode: number | null; error: string | null }> {
    const target = await resolveTarget(d.subscription.url, deps.policy, deps.resolve);
    if ('problem' in target) return { ok: false, responseCode: null, error: `Target refused: ${target.problem}` };
    const body = deliveryBody(d.event);
    const at = deps.clock.now();
    try {
      const res = await post(d.subscription.url, target.pinned, {
        headers: { 'content-type': 'application/json', 'user-agent': 'CSPHub-Webhooks/1', ...signDelivery(d.event.id, at, body, d.secrets) },
        body,
        timeoutMs: REQUEST_TIMEOUT_MS,
      });
      const ok = res.status >= 200 && res.status < 300;
      return { ok, responseCode: res.status, error: ok ? null : `HTTP ${res.status}` };
    } catch (e) {
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
      return { ok: false, responseCode: null, error: `${e instanceof Error ? e.message : String(e)}${cause}`.slice(0, 500) };
    }
  }

  async function disableFailing(d: DueDelivery, lastError: string): Promise<void> {
    const now = deps.clock.now();
    const company = await deps.db.transaction(async (t) => {
      const r = createRepos(t as unknown as Database, deps.box);
      const current = await r.webhooks.getSubscription(d.subscription.id);
      if (!current?.enabled) return undefined;
      await r.webhooks.updateSubscription(current.id, { enabled: false, disabledReason: 'failing' }, now);
      await r.auditLog.append({
        at: now,
        companyId: current.companyId,
        actor: { type: 'system', id: null, label: 'webhook dispatcher' },
        action: 'webhook_subscription.disabled',
        targetType: 'webhook_subscription',
        targetId: current.id,
        summary: `Disabled the webhook to ${current.url}: deliveries failed ${MAX_ATTEMPTS} times over three days (${lastError})`,
        before: { enabled: true },
        after: { enabled: false, reason: 'failing' },
      });
      const owner = await r.companies.get(current.companyId);
      // The company's address, or else its active administrators'.
      const admins = (await r.users.listByCompanies([current.companyId])).filter((u) => u.status === 'active' && u.role.endsWith('_admin')).map((u) => u.email);
      return owner ? { ...owner, to: owner.email ? [owner.email] : admins } : undefined;
    });
    if (!company || company.to.length === 0) return;
    await deps.notifier
      .send({
        template: 'webhook-disabled',
        language: company.language,
        to: company.to,
        fields: { recipientName: company.contactPerson ?? company.name, companyName: company.name, url: d.subscription.url, lastError, settingsUrl: `${deps.publicUrl}/settings/webhooks` },
        dedupeKey: `webhook-disabled:${d.subscription.id}:${now.toISOString()}`,
        subjectId: String(company.id),
      })
      .catch((e: unknown) => deps.logger?.warn({ err: e, subscriptionId: d.subscription.id }, 'webhook disabled notice not sent'));
  }

  async function tick(): Promise<TickResult> {
    const result: TickResult = { fannedOut: 0, attempted: 0, succeeded: 0, failed: 0 };
    for (;;) {
      const n = await repos().webhooks.fanOut(deps.clock.now());
      result.fannedOut += n;
      if (n === 0) break;
    }
    for (;;) {
      const now = deps.clock.now();
      const due = await repos().webhooks.claimDue(now, new Date(now.getTime() + LEASE_MS));
      if (due.length === 0) break;
      for (const d of due) {
        if (!d.subscription.enabled || d.subscription.deletedAt) {
          // Kept for a manual redelivery once the subscription is on again.
          await repos().webhooks.park(d.delivery.id);
          continue;
        }
        result.attempted++;
        const outcome = await attempt(d);
        const attempts = d.delivery.attempts + 1;
        const at = deps.clock.now();
        const wait = RETRY_SCHEDULE_MS[Math.min(attempts, MAX_ATTEMPTS) - 1];
        const next = outcome.ok || attempts >= MAX_ATTEMPTS || wait === undefined ? null : new Date(at.getTime() + wait);
        await repos().webhooks.recordAttempt(d.delivery.id, { ...outcome, at, next });
        if (outcome.ok) result.succeeded++;
        else if (!next) {
          result.failed++;
          await disableFailing(d, outcome.error ?? 'no answer');
        }
      }
    }
    return result;
  }

  return {
    tick,
    /** Ticks every `everyMs` (unref'd timer), one tick at a time; returns how to stop. */
    start(everyMs: number): () => void {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        void tick()
          .catch((e: unknown) => deps.logger?.warn({ err: e }, 'webhook dispatch failed'))
          .finally(() => (running = false));
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
