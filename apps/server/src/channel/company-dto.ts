import { isWithinPath, partnerOfRecordIdOf } from '@csphub/domain';
import type { CompanyRow, Repos } from '@csphub/db';
import type { Principal } from '../auth/principal';
import type { CompanyDto, PartnerOfRecordStatus } from './company.schema';

/** The fields of a row that are also API fields, unchanged. */
export function companyFieldsOf(row: CompanyRow) {
  const { path: _path, createdAt, updatedAt, deactivatedAt, porStatus: _s, porCheckedAt: _c, porErrorCode: _e, porErrorDescription: _d, ...rest } = row;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), deactivatedAt: deactivatedAt?.toISOString() ?? null };
}

/**
 * A company as the API returns it: its fields, the breadcrumbs from the top of the caller's view
 * down to it, and, for a reseller's customer, the reseller's billing address (the fallback).
 */
export async function toCompanyDto(repos: Repos, principal: Principal, row: CompanyRow): Promise<CompanyDto> {
  const ancestors = await repos.companies.ancestors(row.path);
  const visible = [...ancestors, row].filter((a) => isWithinPath(a.path, principal.company.path));
  const parent = ancestors.at(-1);
  return {
    ...companyFieldsOf(row),
    breadcrumbs: visible.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
    reseller:
      parent && parent.kind === 'reseller' && row.kind === 'customer'
        ? {
            id: parent.id,
            name: parent.name,
            billingAddress: {
              line1: parent.billingLine1,
              line2: parent.billingLine2,
              city: parent.billingCity,
              state: parent.billingState,
              postalCode: parent.billingPostalCode,
              country: parent.billingCountry,
            },
          }
        : null,
    partnerOfRecord: partnerOfRecordOf(row),
  };
}

/** A reseller's partner-of-record verdict as the API shows it; null for other kinds. */
export function partnerOfRecordOf(row: CompanyRow): PartnerOfRecordStatus | null {
  if (row.kind !== 'reseller') return null;
  return {
    partnerId: partnerOfRecordIdOf(row),
    status: row.porStatus ?? 'unchecked',
    checkedAt: row.porCheckedAt?.toISOString() ?? null,
    errorCode: row.porErrorCode,
    errorDescription: row.porErrorDescription,
  };
}

/** A company's state for the audit log (no timestamps, which change on every write). */
export function auditStateOf(row: CompanyRow): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, path: _p, ...rest } = row;
  return { ...rest, deactivatedAt: row.deactivatedAt?.toISOString() ?? null };
}
