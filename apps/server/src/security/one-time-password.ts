import { randomInt } from 'node:crypto';

// No look-alikes (0/O, 1/l/I), so a password read aloud or copied by hand comes out right.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A password for an administrator to hand to a person once (a reset): four groups of five
 * characters from a 57-letter alphabet, about 116 bits, drawn from the operating system's CSPRNG.
 * Only its argon2 hash is stored.
 */
export function generateOneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 5; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
