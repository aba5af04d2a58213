// No look-alikes (0/O, 1/l/I), so the password survives being read aloud or typed by hand.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A strong initial password (4 groups of 5, about 116 bits) from the browser's CSPRNG. */
export function generatePassword(): string {
  const out: string[] = [];
  const bytes = new Uint32Array(20);
  crypto.getRandomValues(bytes);
  bytes.forEach((b, i) => out.push((i > 0 && i % 5 === 0 ? '-' : '') + ALPHABET[b % ALPHABET.length]));
  return out.join('');
}
