/** API shapes the UI reads (mirrors the server's OpenAPI schemas). */
import type { CompanyKind, Permission, Role } from '@csphub/domain';

export interface SessionInfo {
  via: 'session' | 'api_token';
  user: { id: string; name: string; email: string | null; role: Role };
  company: { id: number; name: string; kind: CompanyKind };
  permissions: Permission[];
  csrfToken?: string;
  /** An administrator set the password: the person must choose their own before anything else. */
  mustChangePassword?: boolean;
}

export interface TreeNode {
  id: number;
  parentId: number | null;
  kind: CompanyKind;
  name: string;
  domain: string | null;
  status: 'active' | 'inactive';
  ready: boolean | null;
}

export interface CompanyAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface Company {
  id: number;
  kind: CompanyKind;
  parentId: number | null;
  status: 'active' | 'inactive';
  name: string;
  domain: string | null;
  registrationNumber: string | null;
  partnerId: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  email: string | null;
  phone: string | null;
  contactPerson: string | null;
  technicalContact: string | null;
  language: string;
  salesManager: string | null;
  marketplace: string | null;
  billingLine1: string | null;
  billingLine2: string | null;
  billingCity: string | null;
  billingState: string | null;
  billingPostalCode: string | null;
  billingCountry: string | null;
  billingUsesResellerAddress: boolean;
  createdAt: string;
  updatedAt: string;
  deactivatedAt: string | null;
  breadcrumbs: { id: number; name: string; kind: CompanyKind }[];
  reseller: { id: number; name: string; billingAddress: CompanyAddress } | null;
}
export type CompanyField = Exclude<keyof Company, 'id' | 'kind' | 'parentId' | 'status' | 'createdAt' | 'updatedAt' | 'deactivatedAt' | 'breadcrumbs' | 'reseller'>;

export interface PrerequisiteProblem {
  field: string;
  code: string;
  example?: string;
  message: string;
  reseller?: string;
}
export interface Prerequisites {
  ready: boolean;
  items: { key: 'phone' | 'email' | 'billingAddress'; ok: boolean; source?: 'own' | 'reseller'; problems: PrerequisiteProblem[] }[];
  policy: { requireCorporateEmail: boolean; requireSubCustomerBillingAddress: boolean };
}

export interface User {
  id: string;
  companyId: number;
  email: string;
  name: string;
  role: Role;
  status: 'active' | 'disabled';
  createdAt: string;
  lastSignInAt: string | null;
}

/** GET /companies/{id}/users: the people, and the roles the caller may give in this company. */
export interface UserList {
  items: User[];
  assignableRoles: Role[];
}

/** POST /companies/{id}/users/{userId}/reset-password: the one-time password, in this answer only. */
export interface PasswordReset {
  user: User;
  password: string;
}

export interface ApiToken {
  id: string;
  companyId: number;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface SyncOptions {
  connection: { id: string; name: string; type: 'direct-bill' | 'indirect-provider'; region: string };
  adminUsername: string | null;
  domainPrefix: string | null;
  resellerPartnerId: string | null;
  syncStatus: 'not_synced' | 'in_progress' | 'synced' | 'failed';
  failureReason: string | null;
  lastAttemptAt: string | null;
  tenantId: string | null;
  defaultDomain: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  companyId: number;
  companyName: string;
  actorType: 'user' | 'api_token' | 'system';
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  summary: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface ConnectionTestResult {
  ok: boolean;
  checks: { name: 'app-only-token' | 'app-user-token' | 'reseller-network' | 'mfa-claim'; ok: boolean; detail: string }[];
  testedAt: string;
}

export interface Connection {
  id: string;
  name: string;
  region: string;
  type: 'direct-bill' | 'indirect-provider';
  mode: 'emulated' | 'live';
  tenantId: string;
  appId: string;
  hasAppSecret: boolean;
  hasRefreshToken: boolean;
  createdAt: string;
  updatedAt: string;
  lastTestAt: string | null;
  lastTestResult: ConnectionTestResult | null;
  /** Estimated from Entra's 90 days of inactivity; `expiring` in the last 14 days. */
  refreshTokenHealth: {
    state: 'none' | 'unknown' | 'ok' | 'expiring' | 'expired';
    consentedAt: string | null;
    issuedAt: string | null;
    ageDays: number | null;
    expiresAt: string | null;
    daysLeft: number | null;
  };
}
