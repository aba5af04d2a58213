import { createHash } from 'node:crypto';

/** What the emulator keeps of a password: a digest, never the password itself. */
export function passwordDigest(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('hex');
}

/**
 * Entra ID's cloud password rule, which Partner Center applies to `passwordProfile.password`:
 * 8 to 256 characters with at least three of lower case, upper case, digits and symbols, and not
 * containing the user's alias. Returns why it fails, or undefined.
 */
export function passwordProblem(password: string, userPrincipalName: string): string | undefined {
  if (password.length < 8 || password.length > 256) return 'The password must be 8 to 256 characters long.';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return 'The password must use three of: lower case, upper case, digits, symbols.';
  const alias = userPrincipalName.split('@')[0]!.toLowerCase();
  if (alias.length >= 3 && password.toLowerCase().includes(alias)) return "The password must not contain the user's name.";
  return undefined;
}
