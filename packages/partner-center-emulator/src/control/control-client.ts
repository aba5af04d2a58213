import { z } from 'zod';
import type { ScenarioInput } from '../scenario/scenario.schema';
import type { describeScenario } from '../scenario/describe-scenario';
import type { AttestationRecord, CallRecord, EmulatorSettings, FaultRule, WebhookDeliveryRecord } from '../engine/emulator-state';
import type { EmulatorStateView } from './state-view';
import type {
  AcceptRelationshipSchema,
  ApproveGdapSchema,
  BulkCustomersSchema,
  PortalSubscriptionChangeSchema,
  PartnerSubscriptionsSchema,
  AcceptTransferSchema,
  ClockAdvanceSchema,
  FaultInputSchema,
  RefreshTokenMfaSchema,
  RevokeRefreshTokenSchema,
  SetMcaDirectSchema,
  PublishMcaVersionSchema,
  DecideAttestationSchema,
  SetResellerPorSchema,
  SettingsPatchSchema,
  SignInSchema,
  ThrottleInputSchema,
} from './control.schema';

/**
 * A typed client of the emulator's control plane (`/_emulator/*`, `control.routes.ts`), for tests
 * and tools: request bodies are the control schemas' input types, answers are parsed before they
 * are returned, and an answer outside 2xx throws {@link EmulatorControlError}. It imports no server
 * code (`@csphub/partner-center-emulator/control-client`).
 */
export class EmulatorControlError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`emulator control ${method} ${path} answered ${status}: ${body}`);
    this.name = 'EmulatorControlError';
  }
}

const record = z.record(z.string(), z.unknown());
const counts = z.record(z.string(), z.number());

const ClockAnswer = z.object({ now: z.string(), offsetMs: z.number() });
const SettingsAnswer = z.object({
  orderFulfilmentDelaySeconds: z.number(),
  gdapActivationDelaySeconds: z.number(),
  accessAssignmentActivationDelaySeconds: z.number(),
  gdapTerminationDelaySeconds: z.number(),
  gdapRequestDelaySeconds: z.number(),
  gdapOperationDelaySeconds: z.number(),
  throttleLimitPerMinute: z.number(),
  throttleOverrides: counts,
  replayWindowHours: z.number(),
  callLogLimit: z.number(),
  legacyMcaAttestationRetiredAt: z.string().nullable().optional(),
}) satisfies z.ZodType<EmulatorSettings>;
const FaultAnswer = z.looseObject({ id: z.string(), route: z.string(), fired: z.number() });
const CallAnswer = z.looseObject({ at: z.string(), operation: z.string(), method: z.string(), path: z.string(), status: z.number() });
const CallsAnswer = z.object({ count: z.number(), calls: z.array(CallAnswer) });
const StateAnswer = z.looseObject({
  now: z.string(),
  clockOffsetMs: z.number(),
  settings: SettingsAnswer,
  counters: counts,
  effects: counts,
  totals: counts,
  tenants: z.array(z.looseObject({ tenantId: z.string(), companyName: z.string(), domains: z.array(z.string()) })),
  relationships: z.array(record),
  agreements: z.array(z.looseObject({ customerTenantId: z.string(), partnerTenantId: z.string() })),
  orders: z.array(z.looseObject({ id: z.string() })),
  subscriptions: z.array(z.looseObject({ id: z.string() })),
  gdap: z.array(z.looseObject({ id: z.string(), status: z.string() })),
  users: z.array(z.looseObject({ id: z.string(), customerTenantId: z.string(), userPrincipalName: z.string(), forceChangePassword: z.boolean(), directoryRoles: z.array(z.string()) })),
  faults: z.array(FaultAnswer),
});
const ScenarioAnswer = z.looseObject({ name: z.string(), urls: z.looseObject({ partnerCenter: z.string(), control: z.string() }), partners: z.array(record) });
const SignInAnswer = z.object({ signedIn: z.boolean(), mustChangePassword: z.boolean().nullable() });
const GdapStatusAnswer = z.object({ id: z.string(), status: z.string() });
const AcceptAnswer = z.object({ created: z.boolean(), relationship: record });
const McaAnswer = z.object({ tenantId: z.string(), isSigned: z.boolean() });
const ThrottlingAnswer = z.object({ limitPerMinute: z.number(), overrides: counts });
const DeliveriesAnswer = z.array(z.looseObject({ id: z.string(), url: z.string(), body: z.unknown() }));

/** A webhook delivery as `GET /_emulator/webhooks/deliveries` answers it: its body parsed. */
export type ControlWebhookDelivery = Omit<WebhookDeliveryRecord, 'body'> & { body: unknown };
export type ControlScenario = ReturnType<typeof describeScenario>;
export type { EmulatorStateView };

export interface EmulatorControlOptions {
  /** How requests are sent (default the global `fetch`). */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

export function createEmulatorControl(baseUrl: string, options: EmulatorControlOptions = {}) {
  const send = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  const root = `${baseUrl.replace(/\/+$/, '')}/_emulator`;

  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const request = () =>
      send(`${root}${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    let res: Response;
    try {
      res = await request();
    } catch (e) {
      // A kept-alive socket the emulator closed as idle just as it was reused: the request never
      // reached the emulator (no answer came back), so sending it once more on a new socket is safe.
      if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw e;
      res = await request();
    }
    const text = await res.text();
    if (!res.ok) throw new EmulatorControlError(method, path, res.status, text);
    if (!(res.headers.get('content-type') ?? '').includes('json')) return text;
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
  const parsed = async <S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown): Promise<z.infer<S>> => {
    const result = schema.safeParse(await call(method, path, body));
    if (!result.success) throw new Error(`emulator control ${method} ${path}: unexpected answer: ${z.prettifyError(result.error)}`);
    return result.data;
  };
  const id = (value: string) => encodeURIComponent(value);

  return {
    /** The seeded scenario: partners with their credentials and URLs, resellers, tenants. */
    scenario: async () => (await parsed(ScenarioAnswer, 'GET', '/scenario')) as unknown as ControlScenario,
    /** The state a test asserts on (tenants, agreements, orders, GDAP, users, counters, effects). */
    state: async () => (await parsed(StateAnswer, 'GET', '/state')) as unknown as EmulatorStateView,
    /** Calls per operation id since the last {@link clearCalls}. */
    counters: () => parsed(counts, 'GET', '/counters'),
    /** The call log, oldest first, optionally of one operation id or one partner (id or key). */
    async calls(filter: { operation?: string; partner?: string } = {}): Promise<{ count: number; calls: CallRecord[] }> {
      const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined));
      return (await parsed(CallsAnswer, 'GET', `/calls${query.size > 0 ? `?${query}` : ''}`)) as { count: number; calls: CallRecord[] };
    },
    clearCalls: async () => void (await call('DELETE', '/calls')),
    /** Restores the initial scenario, or seeds the one given. */
    reset: async (scenario?: ScenarioInput) => void (await call('POST', '/reset', scenario)),
    seed: async (scenario: ScenarioInput) => void (await call('POST', '/seed', scenario)),

    clock: () => parsed(ClockAnswer, 'GET', '/clock'),
    /** Moves the emulator clock forward by `seconds`, an ISO-8601 `duration`, or `to` a date. */
    advanceClock: (input: z.input<typeof ClockAdvanceSchema>) => parsed(ClockAnswer, 'POST', '/clock/advance', input),
    settings: (): Promise<EmulatorSettings> => parsed(SettingsAnswer, 'GET', '/settings'),
    updateSettings: (patch: z.input<typeof SettingsPatchSchema>): Promise<EmulatorSettings> => parsed(SettingsAnswer, 'PUT', '/settings', patch),
    setThrottling: (input: z.input<typeof ThrottleInputSchema>) => parsed(ThrottlingAnswer, 'PUT', '/throttling', input),

    faults: async () => (await parsed(z.array(FaultAnswer), 'GET', '/faults')) as FaultRule[],
    /** Adds a fault rule (`METHOD /path`, segments `:param` or `*`); answers the rule with its id. */
    injectFault: async (fault: z.input<typeof FaultInputSchema>) => (await parsed(FaultAnswer, 'POST', '/faults', fault)) as FaultRule,
    clearFaults: async () => void (await call('DELETE', '/faults')),
    deleteFault: async (faultId: string) => void (await call('DELETE', `/faults/${id(faultId)}`)),

    revokeRefreshToken: async (input: z.input<typeof RevokeRefreshTokenSchema>) => void (await call('POST', '/refresh-tokens/revoke', input)),
    restoreRefreshToken: async (input: z.input<typeof RevokeRefreshTokenSchema>) => void (await call('POST', '/refresh-tokens/restore', input)),
    /** Whether the sign-in behind a refresh token passed MFA (`false`: its App+User calls are refused). */
    setRefreshTokenMfa: async (input: z.input<typeof RefreshTokenMfaSchema>) => void (await call('POST', '/refresh-tokens/mfa', input)),

    /** Acts as the customer's Global Admin accepting a partner's reseller invitation. */
    acceptRelationship: (input: z.input<typeof AcceptRelationshipSchema>) => parsed(AcceptAnswer, 'POST', '/relationships/accept', input),
    /** Acts as the customer's Global Admin approving a GDAP relationship. */
    approveGdap: (relationshipId: string, input: z.input<typeof ApproveGdapSchema> = {}) => parsed(GdapStatusAnswer, 'POST', `/gdap/${id(relationshipId)}/approve`, input),
    expireGdap: (relationshipId: string) => parsed(GdapStatusAnswer, 'POST', `/gdap/${id(relationshipId)}/expire`),
    /** Whether the customer signed the Microsoft Customer Agreement directly (tenant id, key or domain). */
    setDirectSignedMca: (customer: string, input: z.input<typeof SetMcaDirectSchema>) => parsed(McaAnswer, 'PUT', `/customers/${id(customer)}/direct-signed-mca`, input),
    /** What Microsoft says from now on of a reseller's partner-of-record eligibility (key, tenant or location ID). */
    setResellerPartnerOfRecord: (reseller: string, input: z.input<typeof SetResellerPorSchema>) =>
      parsed(z.looseObject({ key: z.string(), partnerId: z.string() }), 'PUT', `/resellers/${id(reseller)}/partner-of-record`, input),
    /** The MCA version in force and the date the partner-typed attestation is refused from (null: never). */
    mca: () => parsed(z.looseObject({ current: z.unknown(), legacyMcaAttestationRetiredAt: z.string().nullable() }), 'GET', '/mca'),
    /** Publishes a new MCA version: customers must accept it before their next purchase. */
    publishMcaVersion: (input: z.input<typeof PublishMcaVersionSchema> = {}) => parsed(z.looseObject({ templateId: z.string() }), 'POST', '/mca/versions', input),
    /** The enhanced attestations partners created, with their signatories and decisions. */
    attestations: async () => (await parsed(z.object({ items: z.array(z.looseObject({ attestationId: z.string(), status: z.string() })) }), 'GET', '/attestations')) as unknown as { items: AttestationRecord[] },
    /** Acts as the signatory in Microsoft's component; a second decision on one attestation is refused (409). */
    decideAttestation: async (attestationId: string, decision: z.input<typeof DecideAttestationSchema>['decision']) =>
      (await parsed(z.looseObject({ attestationId: z.string(), status: z.string() }), 'POST', `/attestations/${id(attestationId)}/decision`, { decision })) as unknown as AttestationRecord,
    /** Acts as a customer user signing in: is this the current password, and must it be changed. */
    signIn: (customer: string, input: z.input<typeof SignInSchema>) => parsed(SignInAnswer, 'POST', `/customers/${id(customer)}/sign-in`, input),

    /** As a person in the portal: adds many customers of one partner (with subscriptions, GDAP, MCA), each change an audit record. */
    bulkAddCustomers: (input: z.input<typeof BulkCustomersSchema>) =>
      parsed(z.object({ created: z.number(), subscriptions: z.number(), tenantIds: z.array(z.string()) }), 'POST', '/customers/bulk', input),
    /** As a person in the portal: changes a subscription (quantity, status, auto-renew). */
    changeSubscriptionInPortal: (customer: string, subscriptionId: string, input: z.input<typeof PortalSubscriptionChangeSchema>) =>
      parsed(z.looseObject({ id: z.string(), quantity: z.number(), status: z.string() }), 'PATCH', `/customers/${id(customer)}/subscriptions/${id(subscriptionId)}`, input),
    /** As a person in the portal (or the customer): ends the reseller relationship between a partner and a customer. */
    removeCustomerRelationship: (customer: string, partner: string) =>
      parsed(z.object({ removed: z.boolean() }), 'DELETE', `/customers/${id(customer)}/relationships/${id(partner)}`),

    /** Subscriptions another partner sold to an existing customer (the source of a transfer). */
    addPartnerSubscriptions: (customer: string, input: z.input<typeof PartnerSubscriptionsSchema>) =>
      parsed(
        z.object({ items: z.array(z.object({ id: z.string(), partnerTenantId: z.string(), offerId: z.string(), quantity: z.number(), status: z.string(), commitmentEndDate: z.string() })) }),
        'POST',
        `/customers/${id(customer)}/partner-subscriptions`,
        input,
      ),
    /** As the source partner: accepts a transfer (its eligible subscriptions, or those named), which completes it. */
    acceptTransfer: (customer: string, transferId: string, input: z.input<typeof AcceptTransferSchema> = {}) =>
      parsed(z.looseObject({ id: z.string(), status: z.string(), lineItems: z.array(z.looseObject({ subscriptionId: z.string() })) }), 'POST', `/customers/${id(customer)}/transfers/${id(transferId)}/accept`, input),

    webhookDeliveries: async () => (await parsed(DeliveriesAnswer, 'GET', '/webhooks/deliveries')) as ControlWebhookDelivery[],
    /** Delivers the pending webhook notifications now; answers how many were delivered in all. */
    flushWebhooks: () => parsed(z.object({ deliveries: z.number() }), 'POST', '/webhooks/flush'),
    /** The PEM certificate webhook deliveries are signed with (public). */
    webhookCertificate: async () => z.string().parse(await call('GET', '/webhooks/certificate')),
  };
}

export type EmulatorControl = ReturnType<typeof createEmulatorControl>;
