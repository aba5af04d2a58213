import { createPartnerCenterClient, emulatorEndpoints, isPartnerCenterError, type LimiterRegistry, type PartnerCenterConnectionInput } from '@csphub/partner-center';
import type { ConnectionCredentials, ConnectionSummary } from '@csphub/db';

/** One check of a connection test: what was tried and what came back. */
export interface ConnectionCheck {
  name: 'app-only-token' | 'app-user-token' | 'reseller-network' | 'mfa-claim';
  ok: boolean;
  /** What works, or what to fix. */
  detail: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  checks: ConnectionCheck[];
  testedAt: string;
}

/**
 * The port "test connection" needs: calls Partner Center with a connection's credentials and
 * reports what works. Implemented with the Partner Center client; tests can pass another.
 */
export interface ConnectionTester {
  test(connection: PartnerCenterConnectionInput, now: Date): Promise<ConnectionTestResult>;
}

/**
 * The settings the Partner Center client needs for a stored connection: its credentials and, for
 * an emulated connection, the embedded emulator's URLs. This is how other features build a client
 * for a connection: `createPartnerCenterClient({ connection: toClientConnection(...) })`.
 */
export function toClientConnection(summary: ConnectionSummary, creds: ConnectionCredentials, emulatorUrl: string): PartnerCenterConnectionInput {
  return {
    id: summary.id,
    name: summary.name,
    type: summary.type,
    tenantId: creds.tenantId,
    appId: creds.appId,
    ...(creds.appSecret ? { appSecret: creds.appSecret } : {}),
    ...(creds.refreshToken ? { refreshToken: creds.refreshToken } : {}),
    ...(summary.mode === 'emulated' ? emulatorEndpoints(emulatorUrl) : {}),
  };
}

function explain(e: unknown): string {
  if (isPartnerCenterError(e)) return `${e.message}${e.status ? ` (HTTP ${e.status})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Tests a connection with the real client and no retries (an operator is waiting): an app-only
 * call (domain availability), an App+User call (the indirect reseller list, for an indirect
 * provider; the relationship request link otherwise), and whether the App+User token carries the
 * MFA claim Partner Center requires from 1 April 2026 (docs/PARTNER-CENTER-REFERENCE.md §1.2).
 * Its calls count against the partner's budget in the process's limiter registry (`limiters`).
 */
export function createPartnerCenterConnectionTester(opts: { timeoutMs?: number; limiters?: LimiterRegistry } = {}): ConnectionTester {
  return {
    async test(connection, now) {
      const checks: ConnectionCheck[] = [];
      let client;
      try {
        client = createPartnerCenterClient({ connection, timeoutMs: opts.timeoutMs ?? 10_000, retry: { maxAttempts: 1 }, ...(opts.limiters ? { limiters: opts.limiters } : {}) });
      } catch (e) {
        return { ok: false, checks: [{ name: 'app-only-token', ok: false, detail: explain(e) }], testedAt: now.toISOString() };
      }
      if (connection.appSecret) {
        try {
          await client.isDomainAvailable('csphubconnectiontest');
          checks.push({ name: 'app-only-token', ok: true, detail: 'App-only access works (domain availability answered).' });
        } catch (e) {
          checks.push({ name: 'app-only-token', ok: false, detail: explain(e) });
        }
      } else {
        checks.push({ name: 'app-only-token', ok: false, detail: 'No app secret: app-only calls are not possible; add the secret.' });
      }
      if (connection.refreshToken) {
        try {
          if (connection.type === 'indirect-provider') {
            const resellers = await client.listIndirectResellers();
            checks.push({ name: 'reseller-network', ok: true, detail: `App+User access works; ${resellers.length} indirect reseller(s) in the network.` });
          } else {
            await client.getRelationshipRequestLink();
            checks.push({ name: 'app-user-token', ok: true, detail: 'App+User access works (the reseller relationship link was read).' });
          }
        } catch (e) {
          checks.push({ name: connection.type === 'indirect-provider' ? 'reseller-network' : 'app-user-token', ok: false, detail: explain(e) });
        }
        const mfa = client.appUserState().mfaClaim;
        checks.push(
          mfa === true
            ? { name: 'mfa-claim', ok: true, detail: 'The App+User token carries the MFA claim.' }
            : mfa === false
              ? { name: 'mfa-claim', ok: false, detail: 'The App+User token has no MFA claim: Partner Center refuses App+User calls without it. Re-consent the connection, signing in with MFA.' }
              : { name: 'mfa-claim', ok: false, detail: 'No App+User token could be obtained, so the MFA claim is unknown; fix the App+User check first.' },
        );
      } else {
        checks.push({ name: 'app-user-token', ok: false, detail: 'No App+User refresh token: customer creation and reseller checks need one; run the consent and paste it.' });
      }
      return { ok: checks.every((c) => c.ok), checks, testedAt: now.toISOString() };
    },
  };
}
