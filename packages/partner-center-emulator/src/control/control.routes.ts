// size: the control plane is one table of test-only routes over the engine, one per line of docs/EMULATOR-DIFFERENCES.md's control section; splitting it would scatter that table.
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { EmulatorRuntime } from '../runtime';
import type { AppEnv } from '../protocol/app-env';
import { EmulatorError } from '../errors/emulator-error';
import { json, renderError } from '../protocol/respond';
import { ScenarioSchema } from '../scenario/scenario.schema';
import { parseIsoDuration } from '../engine/emulator-clock';
import { acceptResellerRelationship } from '../engine/customers.engine';
import { approveGdapRelationship, expireGdapApproval } from '../engine/gdap.engine';
import { webhookKeys } from '../webhooks/webhook-signing';
import { describeScenario } from '../scenario/describe-scenario';
import { passwordDigest } from '../engine/password-policy';
import { currentMcaTemplate, publishMcaVersion } from '../engine/agreements.engine';
import { decideAttestation } from '../engine/attestations.engine';
import {
  AcceptRelationshipSchema,
  ApproveGdapSchema,
  ClockAdvanceSchema,
  DecideAttestationSchema,
  FaultInputSchema,
  PublishMcaVersionSchema,
  RevokeRefreshTokenSchema,
  RefreshTokenMfaSchema,
  SetMcaDirectSchema,
  SetResellerPorSchema,
  SignInSchema,
  SettingsPatchSchema,
  ThrottleInputSchema,
} from './control.schema';
import { resolveTenant, resolvePartner, resolveReseller } from './resolve';
import { isLocalCaller } from './loopback-only';
import { stateView } from './state-view';
import { registerPortalControlRoutes } from './portal-control.routes';

/** A control-plane error: plain `{ error, message }`, outside Microsoft's shapes on purpose. */
function controlError(status: number, message: string): EmulatorError {
  return new EmulatorError(status, { error: 'EmulatorControlError', message });
}

async function body<T extends z.ZodType>(c: Context<AppEnv>, schema: T): Promise<z.infer<T>> {
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw controlError(400, 'body is not valid JSON');
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) throw controlError(400, result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return result.data;
}

/**
 * The control plane under `/_emulator`, outside Microsoft's namespace (docs/EMULATOR-DIFFERENCES.md): read and reset
 * state, seed a scenario, act as the customer, inject faults, throttle, move the clock, read the
 * call log and counters. No bearer token: it is a local test tool, so it answers only callers on
 * this machine (403 to any other address) unless `allowRemoteControl` says otherwise; the webhook
 * certificate (a public key, public at Microsoft too) is served to anyone.
 */
export function registerControlRoutes(app: Hono<AppEnv>, runtime: EmulatorRuntime, opts: { allowRemoteControl?: boolean } = {}): void {
  const engine = () => runtime.engine;
  const route = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, handler: (c: Context<AppEnv>) => Promise<Response> | Response, access: 'local' | 'public' = 'local') => {
    app.on(method, `/_emulator${path}`, async (c) => {
      if (access === 'local' && !opts.allowRemoteControl && !isLocalCaller(c)) {
        return json(403, { error: 'EmulatorControlError', message: 'The emulator control plane answers only callers on this machine (127.0.0.1 or ::1).' });
      }
      try {
        runtime.tick();
        return await handler(c);
      } catch (error) {
        if (error instanceof EmulatorError) return renderError(error);
        throw error;
      } finally {
        runtime.afterRequest();
      }
    });
  };

  route('GET', '/scenario', () => json(200, describeScenario(engine().state.scenario, runtime.publicUrl)));
  route('GET', '/state', (c) => {
    const s = engine().state;
    if (c.req.query('full') === 'true') {
      const users = Object.fromEntries(Object.entries(s.users).map(([id, u]) => [id, { ...u, passwordSha256: undefined }]));
      return json(200, { ...s, users, secrets: undefined });
    }
    return json(200, stateView(engine()));
  });
  route('GET', '/counters', () => json(200, engine().state.counters));
  route('GET', '/calls', (c) => {
    const op = c.req.query('operation');
    const partner = c.req.query('partner');
    const calls = engine().state.calls.filter((x) => (!op || x.operation === op) && (!partner || x.partnerTenantId === (resolvePartner(engine(), partner)?.tenantId ?? partner)));
    return json(200, { count: calls.length, calls });
  });
  route('DELETE', '/calls', () => {
    engine().state.calls = [];
    engine().state.counters = {};
    engine().markDirty();
    return json(200, { cleared: true });
  });

  route('POST', '/reset', async (c) => {
    const text = await c.req.text();
    if (text.trim() === '') runtime.reseed(runtime.initialScenario);
    else runtime.reseed(parseScenario(text));
    return json(200, { reset: true, scenario: engine().state.scenario.name, now: engine().iso() });
  });
  route('POST', '/seed', async (c) => {
    runtime.reseed(parseScenario(await c.req.text()));
    return json(200, { seeded: true, scenario: engine().state.scenario.name });
  });

  route('GET', '/clock', () => json(200, { now: engine().iso(), offsetMs: engine().clock.offset }));
  route('POST', '/clock/advance', async (c) => {
    const input = await body(c, ClockAdvanceSchema);
    let ms: number;
    if (input.seconds !== undefined) ms = input.seconds * 1000;
    else if (input.duration !== undefined) {
      const parsed = parseIsoDuration(input.duration);
      if (parsed === undefined) throw controlError(400, `'${input.duration}' is not an ISO-8601 duration`);
      ms = parsed;
    } else {
      const target = Date.parse(input.to!);
      if (Number.isNaN(target)) throw controlError(400, `'${input.to}' is not a date`);
      ms = target - engine().now();
      if (ms < 0) throw controlError(400, 'the emulator clock only moves forward');
    }
    engine().advanceClock(ms);
    runtime.tick();
    return json(200, { now: engine().iso(), offsetMs: engine().clock.offset });
  });

  route('GET', '/settings', () => json(200, engine().state.settings));
  route('PUT', '/settings', async (c) => {
    const patch = await body(c, SettingsPatchSchema);
    Object.assign(engine().state.settings, patch);
    engine().nextDueAt = 0;
    engine().markDirty();
    return json(200, engine().state.settings);
  });
  route('PUT', '/throttling', async (c) => {
    const input = await body(c, ThrottleInputSchema);
    const settings = engine().state.settings;
    if (input.partner) {
      const partner = resolvePartner(engine(), input.partner);
      if (!partner) throw controlError(404, `unknown partner '${input.partner}'`);
      settings.throttleOverrides[partner.tenantId] = input.limitPerMinute;
    } else settings.throttleLimitPerMinute = input.limitPerMinute;
    engine().throttleWindows.clear();
    engine().markDirty();
    return json(200, { limitPerMinute: settings.throttleLimitPerMinute, overrides: settings.throttleOverrides });
  });

  route('GET', '/faults', () => json(200, engine().state.faults));
  route('POST', '/faults', async (c) => {
    const input = await body(c, FaultInputSchema);
    if (input.status === undefined && !input.drop && input.delayMs === undefined) throw controlError(400, 'a fault needs status, drop or delayMs');
    const rule = {
      id: engine().newId(),
      route: input.route.replace(/\s+/, ' '),
      status: input.status,
      retryAfterSeconds: input.retryAfterSeconds,
      delayMs: input.delayMs,
      drop: input.drop,
      body: input.body,
      remaining: input.count ?? (input.probability !== undefined ? undefined : 1),
      probability: input.probability,
      fired: 0,
    };
    engine().state.faults.push(rule);
    engine().markDirty();
    return json(201, rule);
  });
  route('DELETE', '/faults', () => {
    engine().state.faults = [];
    engine().markDirty();
    return json(200, { cleared: true });
  });
  route('DELETE', '/faults/:id', (c) => {
    const before = engine().state.faults.length;
    engine().state.faults = engine().state.faults.filter((f) => f.id !== (c.req.param('id') ?? ''));
    if (engine().state.faults.length === before) throw controlError(404, 'no such fault');
    engine().markDirty();
    return json(200, { deleted: true });
  });

  route('POST', '/refresh-tokens/revoke', async (c) => {
    const input = await body(c, RevokeRefreshTokenSchema);
    const token = input.refreshToken ?? resolvePartner(engine(), input.partner!)?.refreshToken;
    if (!token) throw controlError(404, `unknown partner '${input.partner}'`);
    if (!engine().state.revokedRefreshTokens.includes(token)) engine().state.revokedRefreshTokens.push(token);
    runtime.tokens.clearCache();
    engine().markDirty();
    return json(200, { revoked: true });
  });
  route('POST', '/refresh-tokens/restore', async (c) => {
    const input = await body(c, RevokeRefreshTokenSchema);
    const token = input.refreshToken ?? resolvePartner(engine(), input.partner!)?.refreshToken;
    engine().state.revokedRefreshTokens = engine().state.revokedRefreshTokens.filter((t) => t !== token);
    engine().markDirty();
    return json(200, { restored: true });
  });

  route('POST', '/refresh-tokens/mfa', async (c) => {
    const input = await body(c, RefreshTokenMfaSchema);
    const token = input.refreshToken ?? resolvePartner(engine(), input.partner!)?.refreshToken;
    if (!token) throw controlError(404, `unknown partner '${input.partner}'`);
    const known = Object.values(engine().state.partners).some((p) => p.refreshToken === token) || Boolean(engine().state.issuedRefreshTokens?.[token]);
    if (!known) throw controlError(404, 'unknown refresh token');
    const without = (engine().state.refreshTokensWithoutMfa ?? []).filter((t) => t !== token);
    engine().state.refreshTokensWithoutMfa = input.mfa ? without : [...without, token];
    const issued = engine().state.issuedRefreshTokens?.[token];
    if (issued) issued.mfa = input.mfa;
    engine().markDirty();
    return json(200, { mfa: input.mfa });
  });

  // Acting as the customer (the same actions as the /admin pages).
  route('POST', '/relationships/accept', async (c) => {
    const input = await body(c, AcceptRelationshipSchema);
    const partner = resolvePartner(engine(), input.partner);
    if (!partner) throw controlError(404, `unknown partner '${input.partner}'`);
    const tenant = resolveTenant(engine(), input.customer);
    if (!tenant) throw controlError(404, `unknown customer '${input.customer}'`);
    const reseller = input.indirectReseller ? resolveReseller(engine(), input.indirectReseller) : undefined;
    if (input.indirectReseller && !reseller) throw controlError(404, `unknown reseller '${input.indirectReseller}'`);
    const result = acceptResellerRelationship(engine(), partner.tenantId, tenant.tenantId, reseller?.tenantId);
    return json(200, { created: result.created, relationship: result.relationship });
  });
  // A reseller's partner-of-record eligibility (docs/PARTNER-CENTER-REFERENCE.md §7.1): what
  // `validateresellers` and checkout answer for its location ID from now on.
  route('PUT', '/resellers/:reseller/partner-of-record', async (c) => {
    const input = await body(c, SetResellerPorSchema);
    const reseller = resolveReseller(engine(), c.req.param('reseller') ?? '');
    if (!reseller) throw controlError(404, `unknown reseller '${c.req.param('reseller') ?? ''}'`);
    if (input.authorization) reseller.porAuthorization = input.authorization;
    if (input.state) reseller.state = input.state;
    engine().markDirty();
    return json(200, { key: reseller.key, partnerId: reseller.partnerId, globalPartnerId: reseller.globalPartnerId ?? null, porAuthorization: reseller.porAuthorization ?? 'authorized', state: reseller.state });
  });
  route('POST', '/gdap/:id/approve', async (c) => {
    const input = await body(c, ApproveGdapSchema);
    const record = engine().state.gdap[(c.req.param('id') ?? '')];
    if (!record) throw controlError(404, 'no such relationship');
    const customer = input.customer ?? record.customerTenantId;
    if (!customer) throw controlError(400, 'this relationship names no customer; give customer');
    const tenant = resolveTenant(engine(), customer);
    if (!tenant) throw controlError(404, `unknown customer '${customer}'`);
    const approved = approveGdapRelationship(engine(), record.id, tenant.tenantId);
    runtime.tick();
    return json(200, { id: approved.id, status: approved.status });
  });
  route('POST', '/gdap/:id/expire', (c) => {
    const record = expireGdapApproval(engine(), (c.req.param('id') ?? ''));
    return json(200, { id: record.id, status: record.status });
  });
  route('PUT', '/customers/:id/direct-signed-mca', async (c) => {
    const input = await body(c, SetMcaDirectSchema);
    const tenant = resolveTenant(engine(), (c.req.param('id') ?? ''));
    if (!tenant) throw controlError(404, 'unknown customer');
    tenant.mcaDirectlySigned = input.isSigned;
    engine().markDirty();
    return json(200, { tenantId: tenant.tenantId, isSigned: tenant.mcaDirectlySigned });
  });

  // The MCA: publish a new version (customers must accept it before their next purchase), list the
  // enhanced attestations, act as the signatory in Microsoft's component.
  route('GET', '/mca', () => json(200, { current: currentMcaTemplate(engine()), legacyMcaAttestationRetiredAt: engine().state.settings.legacyMcaAttestationRetiredAt ?? null }));
  route('POST', '/mca/versions', async (c) => {
    const input = await body(c, PublishMcaVersionSchema);
    return json(201, publishMcaVersion(engine(), input.templateId));
  });
  route('GET', '/attestations', () => json(200, { items: engine().state.attestations ?? [] }));
  route('POST', '/attestations/:id/decision', async (c) => {
    const input = await body(c, DecideAttestationSchema);
    const { record, changed } = decideAttestation(engine(), c.req.param('id') ?? '', input.decision);
    return json(changed ? 200 : 409, record);
  });

  // Act as a customer user signing in to Microsoft 365 with the password the partner delivered.
  route('POST', '/customers/:id/sign-in', async (c) => {
    const input = await body(c, SignInSchema);
    const tenant = resolveTenant(engine(), (c.req.param('id') ?? ''));
    if (!tenant) throw controlError(404, 'unknown customer');
    const upn = input.userPrincipalName.toLowerCase();
    const user = Object.values(engine().state.users).find((u) => u.customerTenantId === tenant.tenantId && u.userPrincipalName.toLowerCase() === upn);
    const ok = !!user && user.state === 'active' && user.passwordSha256 === passwordDigest(input.password);
    return json(200, { signedIn: ok, mustChangePassword: ok ? (user.forceChangePassword ?? false) : null });
  });

  registerPortalControlRoutes(route, engine, body);

  route('GET', '/webhooks/deliveries', () => json(200, engine().state.webhookDeliveries.map((d) => ({ ...d, body: JSON.parse(d.body) as unknown }))));
  route('POST', '/webhooks/flush', async () => {
    await runtime.drain();
    return json(200, { deliveries: engine().state.webhookDeliveries.length });
  });
  route('GET', '/webhooks/certificate', () => new Response(webhookKeys(engine()).publicKeyPem, { status: 200, headers: { 'Content-Type': 'application/x-pem-file' } }), 'public');

  app.all('/_emulator/*', (c) => renderError(controlError(404, `no control-plane operation ${c.req.method} ${c.req.path}`)));
}

function parseScenario(text: string) {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw controlError(400, 'scenario is not valid JSON');
  }
  const result = ScenarioSchema.safeParse(value);
  if (!result.success) throw controlError(400, `scenario is not valid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}
