import { EmulatorError } from './emulator-error';

/**
 * Entra ID token endpoint errors: `{ error, error_description: "AADSTS<n>: ...", error_codes }`.
 * Codes are Entra's public AADSTS codes for the same situations.
 */
function aad(status: number, error: string, code: number, message: string): EmulatorError {
  return new EmulatorError(status, { error, error_description: `AADSTS${code}: ${message}`, error_codes: [code] });
}

export const tenantNotFoundToken = (tenant: string) => aad(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
export const unknownClient = (clientId: string, tenant: string) =>
  aad(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
export const invalidClientSecret = (clientId: string) => aad(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value for app '${clientId}'.`);
export const missingParameter = (name: string) => aad(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
export const unsupportedGrant = (grant: string) => aad(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`);
export const invalidResource = (resource: string) =>
  aad(400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant.`);
export const invalidScope = (scope: string) =>
  aad(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`);
export const unknownRefreshToken = () => aad(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
export const revokedRefreshToken = () =>
  aad(400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.');
export const refreshTokenOtherClient = () => aad(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed: the refresh token was issued to a different client.');
export const mfaRequired = () => aad(400, 'invalid_grant', 50076, 'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication.');
export const invalidAuthorizationCode = () => aad(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.');
export const expiredAuthorizationCode = () => aad(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
export const redirectUriMismatch = () => aad(400, 'invalid_grant', 50148, 'The redirect_uri does not match the one used in the authorization request.');
