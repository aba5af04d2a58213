/**
 * The roles of the optional GDAP request on an existing tenant: Partner Center's least-privileged
 * set for indirect providers (docs/PARTNER-CENTER-REFERENCE.md §12.5), Global Administrator deliberately
 * absent so that the relationship may auto-extend (docs/PARTNER-CENTER-REFERENCE.md §12.3). Names are what the wizard shows.
 */
export const GDAP_REQUEST_ROLES = [
  { id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', name: 'Directory Readers' },
  { id: '9360feb5-f418-4baa-8175-e2a00bac4301', name: 'Directory Writers' },
  { id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', name: 'Global Reader' },
  { id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', name: 'User Administrator' },
  { id: '4d6ac14f-3453-41d0-bef9-a3e0c569773a', name: 'License Administrator' },
  { id: 'f023fd81-a637-4b56-95fd-791ac0226033', name: 'Service Support Administrator' },
  { id: '729827e3-9c14-49f7-bb1b-9608f156bbb8', name: 'Helpdesk Administrator' },
] as const;

/** Two years, the maximum Microsoft allows (docs/PARTNER-CENTER-REFERENCE.md §12.2). */
export const GDAP_REQUEST_DURATION_DAYS = 730;

/** Auto-extend by 180 days at the end; allowed because Global Administrator is not requested (docs/PARTNER-CENTER-REFERENCE.md §12.3). */
export const GDAP_REQUEST_AUTO_EXTEND_DAYS = 180;
