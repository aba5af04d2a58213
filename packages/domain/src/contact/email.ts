/**
 * Free-mail domains that do not count as a corporate e-mail. Microsoft refuses none of them, but a
 * distributor can require a corporate address so that tenant notices reach the company.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.es', 'hotmail.co.uk', 'hotmail.fr', 'outlook.com', 'outlook.es', 'live.com', 'live.com.mx', 'msn.com',
  'yahoo.com', 'yahoo.es', 'yahoo.co.uk', 'yahoo.com.mx', 'yahoo.com.br', 'ymail.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'gmx.com', 'gmx.de', 'gmx.net',
  'web.de', 'mail.com', 'protonmail.com', 'proton.me', 'zoho.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'qq.com', '163.com', 'terra.com.br', 'uol.com.br', 'bol.com.br',
]);

/** Domains Partner Center refuses in a customer's e-mail (docs/PARTNER-CENTER-REFERENCE.md §4). */
const REFUSED_DOMAINS: ReadonlySet<string> = new Set(['microsoft.com']);

export type EmailProblem = 'required' | 'invalid' | 'refused-domain' | 'free-mail';

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** The domain part of an address, lower-cased, or undefined when there is none. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  return at < 0 ? undefined : email.slice(at + 1).toLowerCase();
}

/** True when the address is on a free-mail provider. */
export function isFreeMail(email: string): boolean {
  const domain = emailDomain(email);
  return domain !== undefined && FREE_MAIL_DOMAINS.has(domain);
}

/**
 * What is wrong with an e-mail address for a company contact, or null. `requireCorporate` is the
 * distributor's policy; without it a free-mail address is accepted.
 */
export function emailProblem(email: string | null | undefined, opts: { requireCorporate: boolean }): EmailProblem | null {
  const value = (email ?? '').trim();
  if (value === '') return 'required';
  if (value.length > 254 || !EMAIL.test(value) || value.split('@')[0]!.length > 64) return 'invalid';
  const domain = emailDomain(value)!;
  if (REFUSED_DOMAINS.has(domain)) return 'refused-domain';
  if (opts.requireCorporate && FREE_MAIL_DOMAINS.has(domain)) return 'free-mail';
  return null;
}

/** True for a syntactically valid address (sign-in names, user e-mails). */
export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}
