import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import type { Engine } from '../engine/engine';
import type { PartnerRecord } from '../engine/emulator-state';

/**
 * The RS256 key that signs the emulator's id_tokens, made on first use and kept in the state's
 * sealed secrets (as the webhook key is). Entra signs id_tokens with keys published at the
 * discovery document's `jwks_uri`; the emulator publishes this one there, so a library that
 * checks an id_token's signature can.
 */
export function idTokenKeys(engine: Engine): { kid: string; publicKeyPem: string; privateKeyPem: string } {
  if (!engine.state.secrets.idTokenKeys) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    engine.state.secrets.idTokenKeys = {
      // Entra's kids are opaque; a digest of the public key keeps them stable for the key.
      kid: createHash('sha256').update(publicKeyPem).digest('base64url').slice(0, 27),
      publicKeyPem,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    engine.markDirty();
  }
  return engine.state.secrets.idTokenKeys;
}

/** The JSON Web Key Set of `/discovery/v2.0/keys`: Entra's shape (`kty`, `use`, `kid`, `x5t`, `n`, `e`). */
export function idTokenJwks(engine: Engine): { keys: JWK[] } {
  const keys = idTokenKeys(engine);
  const jwk = createPublicKey(keys.publicKeyPem).export({ format: 'jwk' }) as JWK;
  return { keys: [{ kty: 'RSA', use: 'sig', kid: keys.kid, n: jwk.n, e: jwk.e, issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' } as JWK] };
}

/** Entra's v2.0 issuer for a tenant (the id_token's `iss` and the discovery document's `issuer`). */
export function issuerV2(tenantId: string): string {
  return `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

/**
 * A v2.0 id_token for the partner user behind a refresh token (Microsoft identity platform,
 * "ID token claims reference"): `aud` is the client id, `sub`/`oid` the user, `tid` the tenant,
 * `preferred_username` the UPN. Signed RS256 with {@link idTokenKeys}.
 */
export async function issueIdToken(engine: Engine, partner: PartnerRecord, iat: number, exp: number): Promise<string> {
  const keys = idTokenKeys(engine);
  return new SignJWT({
    ver: '2.0',
    tid: partner.tenantId,
    oid: partner.userObjectId,
    name: partner.userPrincipalName.split('@')[0],
    preferred_username: partner.userPrincipalName,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: keys.kid })
    .setIssuer(issuerV2(partner.tenantId))
    .setAudience(partner.appId)
    .setSubject(partner.userObjectId)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(exp)
    .sign(createPrivateKey(keys.privateKeyPem));
}

/** `client_info`: base64url JSON `{uid, utid}` (the user's object id and home tenant), which MSAL keys its cache on. */
export function clientInfo(partner: PartnerRecord): string {
  return Buffer.from(JSON.stringify({ uid: partner.userObjectId, utid: partner.tenantId }), 'utf8').toString('base64url');
}
