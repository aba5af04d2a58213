import { describe, expect, it } from 'vitest';
import { generateOneTimePassword } from './one-time-password';

describe('generateOneTimePassword', () => {
  it('reads unambiguously (no 0/O, 1/l/I) and passes the password rule', () => {
    const passwords = Array.from({ length: 200 }, generateOneTimePassword);
    for (const p of passwords) {
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
      expect(p.length).toBeGreaterThanOrEqual(12);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
