import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts secrets at rest (connection app secrets and refresh tokens) with AES-256-GCM. The text
 * form is `v1.<iv>.<tag>.<ciphertext>` in base64url, so a changed key or a tampered value fails to
 * decrypt loudly instead of yielding garbage.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Builds a SecretBox from a 32-byte key (raw or base64). */
export function createSecretBox(key: Buffer | string): SecretBox {
  const k = typeof key === 'string' ? Buffer.from(key, 'base64') : key;
  if (k.length !== 32) throw new Error('The secret key must be 32 bytes (AES-256).');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, ct] = sealed.split('.');
      if (version !== 'v1' || iv === undefined || tag === undefined || ct === undefined) throw new Error('Not a sealed secret (unknown format).');
      const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('A stored secret cannot be decrypted: the secret key (CSPHUB_SECRET_KEY or <dataDir>/secret.key) is not the one it was sealed with.');
      }
    },
  };
}
