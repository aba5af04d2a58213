import { randomInt } from 'node:crypto';
import type { PasswordGenerator } from '../ports/new-tenant.ports';

// No look-alikes (0/O, 1/l/I) so the password can be read off a message and typed.
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!#$%*+-=?@_';

/**
 * 16 characters from a CSPRNG with every character class present, well inside Entra's rule (8-256
 * characters, three of four classes): about 94 bits of entropy.
 */
export const strongPasswordGenerator: PasswordGenerator = {
  generate() {
    const all = LOWER + UPPER + DIGITS + SYMBOLS;
    const pick = (set: string) => set[randomInt(set.length)]!;
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < 16) chars.push(pick(all));
    // Fisher-Yates, so the guaranteed classes are not always first.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    return chars.join('');
  },
};
