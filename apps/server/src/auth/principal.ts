import type { Role } from '@csphub/domain';
import type { AuditActor, CompanyRow } from '@csphub/db';

/**
 * Who is calling: a signed-in user (cookie session) or an API token. `company` is the root of
 * everything the caller may see; `role` decides what they may do there.
 */
export interface Principal {
  via: 'session' | 'api_token';
  /** User id, or API token id. */
  id: string;
  /** E-mail, or "API token <name>", for the audit log. */
  label: string;
  userId: string | null;
  name: string;
  email: string | null;
  role: Role;
  company: CompanyRow;
  /** For sessions: the token the UI must echo in X-CSRF-Token on mutations. */
  csrfToken?: string;
  sessionIdHash?: string;
  /** For sessions: an administrator set the password; only the own-password routes answer until it changes. */
  mustChangePassword?: boolean;
  /** For API tokens: the person the token belongs to (its power and life are capped by theirs). */
  ownerUserId?: string;
  /** For API tokens: when the token expires (null: when its owner's access ends). */
  tokenExpiresAt?: Date | null;
}

/** The audit actor for a principal. */
export function actorOf(p: Principal): AuditActor {
  return { type: p.via === 'session' ? 'user' : 'api_token', id: p.id, label: p.label };
}

/**
 * The language of the notices a staff member asks for ("notify me"): people have no language of
 * their own, so their company's, never the customer's the notice is about (docs/NOTIFICATIONS.md).
 */
export function staffLanguageOf(p: Principal): string {
  return p.company.language;
}
