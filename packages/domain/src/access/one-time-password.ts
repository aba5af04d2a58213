// No look-alikes (0/O, 1/l/I), so a password read aloud or copied by hand comes out right.
export const ONE_TIME_PASSWORD_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A password for a person to receive once (an administrator's reset, or a new user's first
 * password): four groups of five characters from a 57-letter alphabet, about 116 bits. The caller
 * passes its CSPRNG (`randomIndex(n)` answers a uniform whole number in [0, n)): Node's on the
 * server, the browser's in the web app. Only its argon2 hash is ever stored.
 */
export function oneTimePassword(randomIndex: (n: number) => number): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 5; i++) group += ONE_TIME_PASSWORD_ALPHABET[randomIndex(ONE_TIME_PASSWORD_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
