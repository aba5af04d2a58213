/**
 * URLs outside the operation catalogue (./operations.ts). The emulator mounts Microsoft's hosts
 * under one origin: Partner Center at `/`, Graph at `/graph/v1.0`, login at `/login`, the
 * customer's admin pages at `/admin`, its control plane at `/_emulator`.
 */
export const EmulatorMount = { graph: '/graph/v1.0', login: '/login', admin: '/admin', control: '/_emulator', mcaComponent: '/mca' } as const;

/** The customer's GDAP approval link (docs/PARTNER-CENTER-REFERENCE.md §12.3). `adminBase` is admin.microsoft.com or the emulator's `/admin`. */
export function gdapApprovalUrl(adminBase: string, relationshipId: string): string {
  return `${adminBase}/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${relationshipId}`;
}

/**
 * The link a customer's signatory opens to read and accept the MCA for an enhanced attestation
 * (docs/PARTNER-CENTER-REFERENCE.md §5.5). Microsoft gives partners a parameterized link to its
 * embeddable component; `componentBase` is that link's base (the emulator's `/mca`), the attestation
 * id and the language are its parameters.
 */
export function mcaAcceptanceUrl(componentBase: string, attestationId: string, language: string): string {
  return `${componentBase}/acceptance/${encodeURIComponent(attestationId)}?language=${encodeURIComponent(language)}`;
}
