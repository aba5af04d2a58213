/** One item of a dry run: what will be done to it, or why nothing will. */
export interface PlannedItem {
  itemKey: string;
  companyId: number | null;
  label: string;
  /** Codes of what the run will do: remove-global-admin, enable-auto-extend, resend-request, revalidate, request-gdap. */
  will: string[];
  /** Why the item is left out: not-found, not-active, nothing-to-do, never-sent, no-partner-location-id, no-tenant, no-template, template-other-connection. */
  skip: string | null;
  /** What the person reads beside the item: the recipients, the template requested ("name vN"), a status. */
  detail: string | null;
}

export const skipped = (itemKey: string, skip: string, label = itemKey, companyId: number | null = null, detail: string | null = null): PlannedItem => ({ itemKey, companyId, label, will: [], skip, detail });
