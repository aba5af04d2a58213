export type PhoneProblem = 'required' | 'invalid-characters' | 'too-short' | 'too-long';

/**
 * What is wrong with a phone number, or null. Accepts international (`+34 912 345 678`) and
 * national forms with spaces, dots, dashes and parentheses; counts digits as E.164 does (7 to 15).
 */
export function phoneProblem(phone: string | null | undefined): PhoneProblem | null {
  const value = (phone ?? '').trim();
  if (value === '') return 'required';
  if (!/^\+?[0-9 ().-]+$/.test(value) || value.indexOf('+') > 0) return 'invalid-characters';
  const digits = value.replace(/\D/g, '').length;
  if (digits < 7) return 'too-short';
  if (digits > 15) return 'too-long';
  return null;
}
