import type { TransferEntity } from '@csphub/partner-center/wire';
import type { Engine } from '../engine/engine';
import type { TransferRecord } from '../engine/emulator-state';

/** TransferEntity as Partner Center answers it (Learn: "TransferEntity resources"). */
export function toTransferEntity(engine: Engine, t: TransferRecord): TransferEntity {
  const source = engine.partnerByTenant(t.sourcePartnerTenantId);
  const target = engine.partnerByTenant(t.targetPartnerTenantId);
  return {
    id: t.id,
    status: t.status,
    transferType: t.transferType,
    customerEmailId: t.customerEmailId,
    createdTime: engine.iso(t.createdAt),
    lastModifiedTime: engine.iso(t.lastModifiedAt),
    expirationTime: engine.iso(t.expiresAt),
    completedTime: t.completedAt === undefined ? null : engine.iso(t.completedAt),
    customerName: t.customerName ?? engine.state.tenants[t.customerTenantId]?.companyName ?? null,
    customerTenantId: t.customerTenantId,
    partnerTenantId: t.targetPartnerTenantId,
    sourcePartnerName: t.sourcePartnerName || source?.name || null,
    sourcePartnerTenantId: t.sourcePartnerTenantId,
    targetPartnerName: target?.name ?? null,
    targetPartnerTenantId: t.targetPartnerTenantId,
    targetPartnerEmailId: t.targetPartnerEmailId ?? null,
    partnerOnRecord: t.partnerOnRecord ?? null,
    targetProductTypes: ['OnlineServicesNCE'],
    lineItems: t.lineItems.map((l) => ({
      id: l.id,
      subscriptionId: l.subscriptionId,
      quantity: l.quantity,
      billingCycle: l.billingCycle,
      termDuration: l.termDuration,
      friendlyName: l.friendlyName,
      offerId: l.offerId,
      catalogItemId: l.offerId,
      productType: l.productType,
      commitmentEndDate: engine.iso(l.commitmentEndAt),
      status: l.status,
    })),
    attributes: { objectType: 'TransferEntity' },
  };
}
