/** API shapes the UI reads: inferred from the server's route schemas (`@csphub/server/contract`), never restated. */
import type { Company, Prerequisites } from '@csphub/server/contract';

export type {
  ApiToken,
  BranchNode,
  ChannelReadiness,
  CompanyBranch,
  CompanySearchMatch,
  AuditEntry,
  Company,
  Connection,
  ConnectionTestResult,
  PasswordReset,
  Prerequisites,
  SessionInfo,
  SyncOptions,
  TreeNode,
  User,
  UserList,
} from '@csphub/server/contract';

export type CompanyAddress = NonNullable<Company['reseller']>['billingAddress'];
export type CompanyField = Exclude<keyof Company, 'id' | 'kind' | 'parentId' | 'status' | 'createdAt' | 'updatedAt' | 'deactivatedAt' | 'breadcrumbs' | 'reseller' | 'partnerOfRecord'>;
export type PrerequisiteProblem = Prerequisites['items'][number]['problems'][number];
