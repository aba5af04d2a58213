/**
 * What the existing-tenant run talks to besides the shared tenant-link ports (docs/ARCHITECTURE.md: provisioning
 * declares ports, adapters in the server implement them with @csphub/db, @csphub/partner-center and
 * @csphub/notifications).
 */
import type { McaPartnerCenter } from '../mca/mca-signatory';
import type { TenantLinkPartnerCenter, TenantLinkPorts } from '../shared/tenant-link.ports';

/** Sends one templated notification; `dedupeKey` makes a retried step send it once. */
export interface ExistingTenantNotifier {
  send(message: {
    template: 'provisioning-completed' | 'gdap-approval-request' | 'mca-acceptance-request';
    dedupeKey: string;
    to: string[];
    language: string;
    subjectId: string;
    fields: Record<string, string>;
  }): Promise<void>;
}

export interface ExistingTenantPorts extends TenantLinkPorts {
  /** The tenant-link operations and, for the enhanced MCA attestation, the MCA ones. */
  partnerCenter(connectionId: string): Promise<TenantLinkPartnerCenter & McaPartnerCenter>;
  notifier: ExistingTenantNotifier;
}
