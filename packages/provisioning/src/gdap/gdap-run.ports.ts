import type { PartnerCenterCall } from '../shared/tenant-link.ports';

/** A relationship as the run reads it (the typed client's `GdapRelationship` satisfies it). */
export interface GdapRelationshipSeen {
  id: string;
  status: string;
  approvalUrl: string;
  activatedAt?: string;
  endsAt?: string;
}
/** An access assignment as the run reads it. */
export interface GdapAccessAssignmentSeen {
  id: string;
  securityGroupId: string;
  roleIds: string[];
  status: string;
}

/** What the GDAP runs need of Partner Center's Graph client, for one connection (docs/PARTNER-CENTER-REFERENCE.md §12.3; the typed client satisfies it). */
export interface GdapPartnerCenter {
  createGdapRelationship(
    input: { displayName: string; customerTenantId: string; customerName?: string; roleIds: string[]; durationDays: number; autoExtend?: boolean },
    options?: PartnerCenterCall,
  ): Promise<GdapRelationshipSeen>;
  getGdapRelationship(relationshipId: string, options?: PartnerCenterCall): Promise<GdapRelationshipSeen>;
  requestGdapApproval(relationshipId: string, options?: PartnerCenterCall): Promise<{ request: { id: string; status: string }; approvalUrl: string }>;
  createGdapAccessAssignment(relationshipId: string, a: { securityGroupId: string; roleIds: string[] }, options?: PartnerCenterCall): Promise<GdapAccessAssignmentSeen>;
  listGdapAccessAssignments(relationshipId: string, options?: PartnerCenterCall): AsyncIterable<GdapAccessAssignmentSeen>;
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
