import { AppError } from '@csphub/domain';
import type { SecretBox } from '@csphub/db';
import { createPartnerCenterClient, isPartnerCenterError, type PartnerCenterConnectionInput } from '@csphub/partner-center';

/** How long a started re-consent may take before its state is refused (Entra's sign-in page session is shorter still). */
const CONSENT_STATE_TTL_MS = 30 * 60_000;

/** The path of the web page Entra redirects back to; it hands `code` and `state` to the API. */
export const CONSENT_CALLBACK_PATH = '/connections/consent';

interface ConsentState {
  /** Connection id. */
  c: string;
  /** Expiry, epoch ms. */
  e: number;
}

/**
 * Re-consent of a connection (the secure application model's partner-user sign-in with MFA,
 * https://learn.microsoft.com/partner-center/developer/enable-secure-app-model): the sign-in URL
 * with a sealed `state` (so the callback cannot be forged or replayed on another connection), and
 * the redemption of the returned authorization code for a new refresh token.
 */
export function createConnectionConsent(box: SecretBox) {
  return {
    start(connection: PartnerCenterConnectionInput, redirectUri: string, now: Date): { url: string; state: string } {
      const state = box.seal(JSON.stringify({ c: connection.id, e: now.getTime() + CONSENT_STATE_TTL_MS } satisfies ConsentState));
      const client = createPartnerCenterClient({ connection, retry: { maxAttempts: 1 } });
      return { url: client.consentUrl(redirectUri, state), state };
    },
    /** Checks that `state` was issued here for `connectionId` and is still fresh; 400 otherwise. */
    checkState(state: string, connectionId: string, now: Date): void {
      let parsed: ConsentState | undefined;
      try {
        parsed = JSON.parse(box.open(state)) as ConsentState;
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.c !== connectionId) {
        throw new AppError('VALIDATION_FAILED', 'The re-consent answer does not belong to this connection: start the re-consent again from the connections page.', [{ field: 'state', message: 'not issued for this connection' }]);
      }
      if (parsed.e <= now.getTime()) {
        throw new AppError('VALIDATION_FAILED', 'The re-consent took too long and expired: start it again from the connections page.', [{ field: 'state', message: 'expired' }]);
      }
    },
    /** Redeems the code; Microsoft's refusal (expired or spent code) is a 400 that says to start again. */
    async redeem(connection: PartnerCenterConnectionInput, code: string, redirectUri: string): Promise<{ refreshToken: string; mfaClaim: boolean | undefined }> {
      const client = createPartnerCenterClient({ connection, retry: { maxAttempts: 1 }, timeoutMs: 15_000 });
      try {
        return await client.redeemAuthorizationCode(code, redirectUri);
      } catch (e) {
        if (isPartnerCenterError(e) && !e.transient) {
          throw new AppError('VALIDATION_FAILED', `Microsoft refused the sign-in code (${e.description ?? e.microsoftCode ?? e.code}); start the re-consent again.`, [{ field: 'code', message: 'refused by the token endpoint' }]);
        }
        throw e;
      }
    },
  };
}
export type ConnectionConsent = ReturnType<typeof createConnectionConsent>;
