import { hkdfSync } from 'node:crypto';
import { oneTimePassword } from '@csphub/domain';

/**
 * The demo users' password for one install: `CSPHUB_DEMO_PASSWORD` when set (tests, recorded
 * demos), otherwise derived from the data folder's secret key (HKDF-SHA256), so each data folder has
 * its own, a restart prints the same one, and it is never written anywhere: the database keeps only
 * its argon2 hash and whoever can read the secret key can already read every secret it seals.
 */
export function demoPasswordFor(opts: { configured: string | undefined; secretKey: Buffer }): string {
  if (opts.configured) return opts.configured;
  const bytes = Buffer.from(hkdfSync('sha256', opts.secretKey, Buffer.alloc(0), 'csphub demo users password v1', 255));
  let next = 0;
  // Rejection sampling keeps every character equally likely (no modulo bias).
  const randomIndex = (n: number): number => {
    const limit = 256 - (256 % n);
    while (next < bytes.length) {
      const b = bytes[next++]!;
      if (b < limit) return b % n;
    }
    throw new Error('demo password derivation ran out of key material');
  };
  return oneTimePassword(randomIndex);
}
