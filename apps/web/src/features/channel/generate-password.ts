import { oneTimePassword } from '@csphub/domain';

/** A uniform whole number in [0, n) from the browser's CSPRNG (rejection sampling: no modulo bias). */
function randomIndex(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  do crypto.getRandomValues(buf);
  while (buf[0]! >= limit);
  return buf[0]! % n;
}

/** A strong initial password, the same format the server gives on a reset (`oneTimePassword`). */
export function generatePassword(): string {
  return oneTimePassword(randomIndex);
}
