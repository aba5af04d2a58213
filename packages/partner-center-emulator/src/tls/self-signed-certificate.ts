import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { generate } from 'selfsigned';

/** A TLS server identity: PEM private key and certificate, and where the certificate is on disk. */
export interface TlsIdentity {
  key: string;
  cert: string;
  /** The certificate file, to trust it (`NODE_EXTRA_CA_CERTS`, a CA option, the system store). */
  certPath: string;
}

const CERT_FILE = 'emulator-tls.crt';
const KEY_FILE = 'emulator-tls.key';

/**
 * The emulator's HTTPS identity for `--tls`: a self-signed certificate for `hostnames` (names and IP
 * addresses, always with `localhost` and 127.0.0.1), kept in `folder` as `emulator-tls.crt` and
 * `emulator-tls.key` (0600), and made again when missing, expired within a day, or not covering a
 * requested host. Microsoft's libraries that insist on https (MSAL refuses an http authority) then
 * reach the emulator once the certificate is trusted.
 */
export async function loadOrCreateSelfSignedCertificate(folder: string, hostnames: readonly string[] = []): Promise<TlsIdentity> {
  const hosts = [...new Set(['localhost', '127.0.0.1', ...hostnames.filter((h) => h && h !== '0.0.0.0' && h !== '::')])];
  const certPath = path.resolve(folder, CERT_FILE);
  const keyPath = path.resolve(folder, KEY_FILE);
  if (fs.existsSync(certPath) && fs.existsSync(keyPath)) {
    const cert = fs.readFileSync(certPath, 'utf8');
    const x509 = new X509Certificate(cert);
    const fresh = new Date(x509.validTo).getTime() > Date.now() + 86_400_000;
    const covers = hosts.every((h) => (isIP(h) ? x509.checkIP(h) : x509.checkHost(h)) !== undefined);
    if (fresh && covers) return { key: fs.readFileSync(keyPath, 'utf8'), cert, certPath };
  }
  const now = Date.now();
  const made = await generate([{ name: 'commonName', value: 'CSP Hub Partner Center emulator' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 825 * 86_400_000),
    extensions: [
      // A self-signed certificate that is trusted directly is its own issuer: CA true lets Node's
      // NODE_EXTRA_CA_CERTS and browsers accept it as the trust anchor.
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: hosts.map((h) => (isIP(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h })) },
    ],
  });
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  fs.writeFileSync(keyPath, made.private, { mode: 0o600 });
  fs.chmodSync(keyPath, 0o600);
  fs.writeFileSync(certPath, made.cert, { mode: 0o644 });
  return { key: made.private, cert: made.cert, certPath };
}
