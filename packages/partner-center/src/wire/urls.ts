/**
 * URLs outside the operation catalogue (./operations.ts). The emulator mounts Microsoft's hosts
 * under one origin: Partner Center at `/`, Graph at `/graph/v1.0`, login at `/login`, the
 * customer's admin pages at `/admin`, its control plane at `/_emulator`.
 */
export const EmulatorMount = { graph: '/graph/v1.0', login: '/login', admin: '/admin', control: '/_emulator' } as const;

/** The customer's GDAP approval link (docs/PARTNER-CENTER-REFERENCE.md §12.3). `adminBase` is admin.microsoft.com or the emulator's `/admin`. */
export function gdapApprovalUrl(adminBase: string, relationshipId: string): string {
  return `${adminBase}/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${relationshipId}`;
}
