import { AppError, type ErrorDetail } from '@csphub/domain';
import type { CallOptions, CustomTermEndDate, PartnerCenterClient } from '@csphub/partner-center';

/** What the order dialog offers for co-terming: each allowed end date with the subscriptions ending then. */
export interface TermEndOption {
  kind: CustomTermEndDate['kind'];
  endDate: string;
  subscriptions: { id: string; productName: string }[];
}

/**
 * The end dates a new subscription of `termDuration` may be given (Learn "Get custom term end
 * dates"), each with the names of the customer's subscriptions it aligns with.
 */
export async function termEndOptions(pc: PartnerCenterClient, tenantId: string, termDuration: string, call: CallOptions = {}): Promise<TermEndOption[]> {
  const dates = await pc.listCustomTermEndDates(tenantId, { termDuration }, call);
  const aligned = dates.some((d) => d.subscriptionIds.length > 0);
  const subs = aligned ? await pc.listSubscriptions(tenantId, {}, call) : [];
  const name = (id: string) => subs.find((s) => s.id.toLowerCase() === id.toLowerCase())?.offerName ?? id;
  return dates.map((d) => ({ kind: d.kind, endDate: d.endDate, subscriptions: d.subscriptionIds.map((id) => ({ id, productName: name(id) })) }));
}

/**
 * Refuses (400 naming `lines.N.customTermEndDate`) an order line whose end date Partner Center does
 * not offer for its term today, before anything is bought: the cart would refuse it line by line.
 */
export async function requireOfferedTermEnds(pc: PartnerCenterClient, tenantId: string, lines: readonly { termDuration: string; customTermEndDate?: string | undefined }[]): Promise<void> {
  const offered = new Map<string, number[]>();
  const details: ErrorDetail[] = [];
  for (const [i, line] of lines.entries()) {
    if (!line.customTermEndDate) continue;
    if (!offered.has(line.termDuration)) offered.set(line.termDuration, (await pc.listCustomTermEndDates(tenantId, { termDuration: line.termDuration })).map((d) => Date.parse(d.endDate)));
    const at = Date.parse(line.customTermEndDate);
    if (Number.isNaN(at) || !offered.get(line.termDuration)!.includes(at)) {
      details.push({ field: `lines.${i}.customTermEndDate`, message: `Line ${i + 1}: ${line.customTermEndDate} is not an end date Microsoft offers for a ${line.termDuration} term for this customer today; choose one of the offered dates or none.` });
    }
  }
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details.map((d) => d.message).join(' '), details);
}
