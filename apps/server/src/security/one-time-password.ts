import { randomInt } from 'node:crypto';
import { oneTimePassword } from '@csphub/domain';

/** A one-time password (`oneTimePassword` in the domain) drawn from the operating system's CSPRNG. */
export function generateOneTimePassword(): string {
  return oneTimePassword((n) => randomInt(n));
}
