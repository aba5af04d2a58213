import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The 32-byte key that seals secrets at rest: `CSPHUB_SECRET_KEY` when set, otherwise the key in
 * `<dataDir>/secret.key`, generated on first start with mode 0600. Losing that file makes stored
 * connection secrets unreadable, so it lives beside the database it protects.
 */
export function loadOrCreateSecretKey(opts: { configured: string | undefined; dataDir: string }): { key: Buffer; source: 'config' | 'file' | 'generated' } {
  if (opts.configured) return { key: Buffer.from(opts.configured, 'base64'), source: 'config' };
  const file = path.join(opts.dataDir, 'secret.key');
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key; restore it from a backup or set CSPHUB_SECRET_KEY.`);
    return { key, source: 'file' };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return { key, source: 'generated' };
}
