import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import type { Engine } from '../engine/engine';

/**
 * Webhook signatures (docs/PARTNER-CENTER-REFERENCE.md §16): `Authorization: Signature <base64 RSA-SHA256 of
 * the UTF-8 body>`, `X-MS-Signature-Algorithm: rsa-sha256`, `X-MS-Certificate-Url`. Microsoft's URL
 * serves an X.509 certificate chained to its root; the emulator serves its RSA public key as PEM
 * at `/_emulator/webhooks/certificate` (docs/EMULATOR-DIFFERENCES.md). The key pair is made on first
 * use and kept in the state, so signatures stay verifiable across restarts.
 */
export function webhookKeys(engine: Engine): { publicKeyPem: string; privateKeyPem: string } {
  if (!engine.state.secrets.webhookKeys) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    engine.state.secrets.webhookKeys = {
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    engine.markDirty();
  }
  return engine.state.secrets.webhookKeys;
}

export function signWebhookBody(privateKeyPem: string, body: string): string {
  return createSign('RSA-SHA256').update(body, 'utf8').sign(privateKeyPem, 'base64');
}

/** What a receiver does: verify the base64 signature over the body with the published public key. */
export function verifyWebhookSignature(publicKeyPem: string, body: string, signatureBase64: string): boolean {
  return createVerify('RSA-SHA256').update(body, 'utf8').verify(publicKeyPem, signatureBase64, 'base64');
}
