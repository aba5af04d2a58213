import type { GdapAccessAssignment, GdapRelationship, GdapRequest, NewGdapRelationship } from '@csphub/partner-center';

/** What the GDAP runs need of Partner Center's Graph client (docs/PARTNER-CENTER-REFERENCE.md §12.3). */
export interface GdapPartnerCenter {
  createGdapRelationship(input: NewGdapRelationship, options?: { correlationId?: string; signal?: AbortSignal }): Promise<GdapRelationship>;
  getGdapRelationship(relationshipId: string, options?: { correlationId?: string; signal?: AbortSignal }): Promise<GdapRelationship>;
  requestGdapApproval(relationshipId: string, options?: { correlationId?: string; signal?: AbortSignal }): Promise<{ request: GdapRequest; approvalUrl: string }>;
  createGdapAccessAssignment(relationshipId: string, a: { securityGroupId: string; roleIds: string[] }, options?: { correlationId?: string; signal?: AbortSignal }): Promise<GdapAccessAssignment>;
  listGdapAccessAssignments(relationshipId: string, options?: { correlationId?: string; signal?: AbortSignal }): AsyncIterable<GdapAccessAssignment>;
}

/** What a run writes of what it learnt (the `gdap_relationships` row; createGdapRepo in @csphub/db). */
export interface GdapRelationshipStore {
  saveFacts(
    rowId: number,
    facts: {
      relationshipId?: string | null;
      status?: string;
      approvalUrl?: string | null;
      accessAssignments?: { id: string; securityGroupId: string; roleIds: string[]; status: string }[];
      activatedAt?: Date | null;
      endsAt?: Date | null;
    },
    now: Date,
  ): Promise<unknown>;
}

export interface GdapRunPorts {
  partnerCenter(connectionId: string): Promise<GdapPartnerCenter>;
  relationships: GdapRelationshipStore;
  notifier: { send(message: { template: string; dedupeKey: string; to: string[]; language: string; subjectId: string; fields: Record<string, string> }): Promise<unknown> };
  /** The gaps between looks at the relationship while it waits for approval (default 5 s doubling to 10 min). */
  pollDelayMs?: (look: number) => number;
}
