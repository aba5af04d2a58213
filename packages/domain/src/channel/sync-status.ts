/**
 * Where an account stands with one Partner Center connection: never synced, a
 * provisioning run under way, linked to a tenant, or failed with a reason the user can act on.
 */
export const SYNC_STATUSES = ['not_synced', 'in_progress', 'synced', 'failed'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];
