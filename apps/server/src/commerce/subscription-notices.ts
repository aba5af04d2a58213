import { readDefaults } from '../channel/distributor-settings';
import { isWindowClosingSoon, cancellationWindow, endOfTerm, type EndOfTermOutcome } from '@csphub/domain';
import { templateLanguageFor, type Notifier } from '@csphub/notifications';
import { publishEvent, type CompanyRow } from '@csphub/db';
import { reposOf } from '../app/server-deps';
import type { CommerceDeps } from './commerce-deps';
import { linkedTenantsOf } from './linked-tenants';
import { recordSubscriptionTerms, recordTenantLicences } from './subscription-terms-record';

/** What one pass sent. */
export interface NoticePass {
  tenants: number;
  windowClosing: number;
  expiryNear: number;
  /** Term-end notices (30, 7 and 1 days before) of subscriptions that renew or roll into the Extended Service Term. */
  termEnding: number;
  failures: number;
}

/** The notice of the term's end a subscription is due, 30, 7 and 1 days before it (none outside). */
export function termEndNoticeDay(daysLeft: number): 30 | 7 | 1 | undefined {
  if (daysLeft < 0 || daysLeft > 30) return undefined;
  return daysLeft <= 1 ? 1 : daysLeft <= 7 ? 7 : 30;
}

const TERM_END_TEMPLATE: Record<EndOfTermOutcome, string | undefined> = {
  renew: 'subscription-renewing',
  cancel: 'subscription-expiry-near',
  extended_service_term: 'subscription-extended-term-near',
  expire: 'subscription-expiry-near',
  none: undefined,
};

/** One company told of its customer's subscriptions: the customer, or its reseller. */
interface NoticeRecipient {
  companyId: number;
  email: string;
  name: string;
  language: string;
  /** Appended to the notice's dedupe key: empty for the customer (its key of before), the company id for the reseller. */
  keySuffix: string;
}

/** The customer and its reseller (when they have an e-mail), each with its own language. */
function noticeRecipients(company: CompanyRow, parent: CompanyRow | undefined): NoticeRecipient[] {
  const out: NoticeRecipient[] = [];
  if (company.email) out.push({ companyId: company.id, email: company.email, name: company.contactPerson ?? company.name, language: company.language, keySuffix: '' });
  if (parent?.kind === 'reseller' && parent.email) out.push({ companyId: parent.id, email: parent.email, name: parent.contactPerson ?? parent.name, language: parent.language, keySuffix: `:to:${parent.id}` });
  return out;
}

/** A date (and with `time`, the time in UTC) as the recipient's language writes it. */
function localDate(language: string, at: string | Date, time = false): string {
  return new Intl.DateTimeFormat(templateLanguageFor(language), { dateStyle: 'long', ...(time ? { timeStyle: 'long' } : {}), timeZone: 'UTC' }).format(new Date(at));
}

/**
 * Looks at every linked tenant's subscriptions, records their term ends for the cockpit, and sends the time-based notices: "window closing"
 * in the last 24 hours of the 168-hour reduce/cancel window, and the end of term 30, 7 and 1 days
 * before it with the decision to make: what it renews with, or (auto-renew off) that it rolls into
 * the paid Extended Service Term, or that it ends. Dedupe keys carry the window end or the term end
 * and the day, so a pass repeated every hour sends each notice once (the outbox and SMTP transports
 * dedupe on them).
 * Recipients: the customer and its reseller, one message each in its own company's language
 * (docs/NOTIFICATIONS.md), with dates written the way that language writes them.
 */
export async function sendSubscriptionNotices(deps: CommerceDeps, notifier: Pick<Notifier, 'send'>): Promise<NoticePass> {
  const repos = reposOf(deps);
  const root = await repos.companies.root();
  const pass: NoticePass = { tenants: 0, windowClosing: 0, expiryNear: 0, termEnding: 0, failures: 0 };
  if (!root) return pass;
  // The distributor may turn the notices off (settings page); the term ends are still recorded for the cockpit.
  const noticesOn = (await readDefaults(repos)).subscriptionNotices;
  const companies = (await repos.companies.listSubtree(root.path)).filter((c) => c.kind === 'customer' && c.status === 'active');
  const now = deps.clock.now();
  for (const company of companies) {
    const tenants = await linkedTenantsOf(repos, company);
    if (tenants.length === 0) continue;
    const parent = company.parentId ? await repos.companies.get(company.parentId) : undefined;
    const recipients = noticeRecipients(company, parent);
    for (const tenant of tenants) {
      pass.tenants++;
      try {
        const pc = await deps.partnerCenterFor(tenant.connection.id);
        const subs = await pc.listSubscriptions(tenant.tenantId);
        const key = { companyId: company.id, connectionId: tenant.connection.id, tenantId: tenant.tenantId };
        await recordSubscriptionTerms(deps.db, key, subs, now);
        // The licences need the connection's partner user and a GDAP role: without them the last read's figures stay.
        const licences = await pc.listSubscribedSkus(tenant.tenantId).catch(() => null);
        if (licences) await recordTenantLicences(deps.db, key, licences, now);
        if (!noticesOn || recipients.length === 0) continue;
        for (const s of subs) {
          if (s.status !== 'active') continue;
          const window = cancellationWindow({ termStartedAt: new Date(s.startsAt), cancellationAllowedUntil: s.cancellationAllowedUntil ? new Date(s.cancellationAllowedUntil) : undefined }, now);
          const url = `${deps.publicUrl}/companies/${company.id}?tab=subscriptions`;
          if (isWindowClosingSoon(window)) {
            for (const r of recipients) {
              await notifier.send({
                template: 'subscription-window-closing',
                language: r.language,
                to: [r.email],
                fields: { recipientName: r.name, companyName: company.name, productName: s.offerName, quantity: String(s.quantity), windowEndsAt: localDate(r.language, window.endsAt, true), subscriptionsUrl: url },
                dedupeKey: `subscription:${s.id}:window-closing:${window.endsAt.toISOString()}${r.keySuffix}`,
                subjectId: String(company.id),
              });
            }
            pass.windowClosing++;
          }
          const daysLeft = Math.floor((new Date(s.termEndsAt).getTime() - now.getTime()) / 86_400_000);
          const day = termEndNoticeDay(daysLeft);
          const end = endOfTerm(s);
          const template = TERM_END_TEMPLATE[end.outcome];
          if (!s.autoRenew && daysLeft >= 0 && daysLeft <= 30) {
            await publishEvent(deps.db, {
              type: 'subscription.ending',
              companyId: company.id,
              at: now,
              data: { connectionId: tenant.connection.id, tenantId: tenant.tenantId, subscriptionId: s.id, offerName: s.offerName, endsAt: s.termEndsAt },
              dedupeKey: `subscription.ending:${s.id}:${s.termEndsAt}`,
            });
          }
          if (day === undefined || !template) continue;
          // The expiry notice keeps its key of before for the 30-day notice (sent once per term end).
          const key = template === 'subscription-expiry-near' && day === 30 ? `subscription:${s.id}:expiry-near:${s.termEndsAt}` : `subscription:${s.id}:${template}:${s.termEndsAt}:${day}`;
          for (const r of recipients) {
            const common = { recipientName: r.name, companyName: company.name, productName: s.offerName, daysLeft: String(daysLeft), subscriptionsUrl: url };
            const date = localDate(r.language, s.termEndsAt);
            await notifier.send({
              template,
              language: r.language,
              to: [r.email],
              fields:
                end.outcome === 'renew'
                  ? { ...common, renewsAt: date, quantity: String(end.next?.quantity ?? s.quantity) }
                  : end.outcome === 'extended_service_term'
                    ? { ...common, endsAt: date }
                    : { ...common, expiresAt: date },
              dedupeKey: `${key}${r.keySuffix}`,
              subjectId: String(company.id),
            });
          }
          if (end.outcome === 'expire' || end.outcome === 'cancel') pass.expiryNear++;
          else pass.termEnding++;
        }
      } catch (e) {
        pass.failures++;
        deps.logger?.warn({ err: e, companyId: company.id, connectionId: tenant.connection.id }, 'subscription notices: tenant skipped');
      }
    }
  }
  return pass;
}

/** Runs {@link sendSubscriptionNotices} every `everyMs` (unref'd timer); returns how to stop it. */
export function startSubscriptionNotices(deps: CommerceDeps, notifier: Pick<Notifier, 'send'>, everyMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void sendSubscriptionNotices(deps, notifier)
      .catch((e: unknown) => deps.logger?.warn({ err: e }, 'subscription notices failed'))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
