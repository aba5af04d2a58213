import { randomUUID } from 'node:crypto';
import { createEmulatorApp, DEFAULT_SCENARIO, type EmulatorApp, type EmulatorAppOptions } from '../../src/index';

/** A clock the test moves by hand; the emulator adds its own control-plane offset on top. */
export class TestClock {
  constructor(public ms = Date.parse('2026-03-02T09:00:00Z')) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const LATAM = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
export const EUROPE = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-europe')!;
export const SANDBOX = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-sandbox')!;
export const NORTHWIND = DEFAULT_SCENARIO.partners.find((p) => p.key === 'direct-northwind')!;
export const reseller = (key: string) => DEFAULT_SCENARIO.resellers.find((r) => r.key === key)!;
export const tenant = (key: string) => DEFAULT_SCENARIO.tenants.find((t) => t.key === key)!;
type Partner = typeof LATAM;

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

// Response bodies are read ad hoc in tests, each asserting the fields it reads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WireJson = any;

export interface CallResult<T = WireJson> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** One in-process emulator plus helpers to get tokens and call it like a client would. */
export class Harness {
  readonly app: EmulatorApp;
  readonly clock: TestClock;
  readonly delivered: { url: string; headers: Record<string, string>; body: string }[] = [];
  webhookStatus = 200;

  constructor(options: EmulatorAppOptions & { clock?: TestClock } = {}) {
    this.clock = options.clock ?? new TestClock();
    this.app = createEmulatorApp({
      ...options,
      clock: this.clock,
      fetch:
        options.fetch ??
        (async (url, init) => {
          const headers: Record<string, string> = {};
          new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
          this.delivered.push({ url: String(url), headers, body: String(init?.body ?? '') });
          return new Response(null, { status: this.webhookStatus });
        }),
    });
  }

  get engine() {
    return this.app.emulator.engine;
  }

  async call<T = WireJson>(method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    const res = await this.app.request(path, { method, headers, body });
    const text = res.type === 'error' ? '' : await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  async token(partner: Partner, kind: 'app' | 'user' = 'app', audience: 'pc' | 'graph' = 'pc'): Promise<string> {
    const resource = audience === 'pc' ? 'https://api.partnercenter.microsoft.com' : 'https://graph.microsoft.com';
    const form = new URLSearchParams({
      grant_type: kind === 'app' ? 'client_credentials' : 'refresh_token',
      client_id: partner.app.appId,
      client_secret: partner.app.appSecret,
      resource,
      ...(kind === 'user' ? { refresh_token: partner.user.refreshToken } : {}),
    });
    const res = await this.app.request(`/login/${partner.tenantId}/oauth2/token`, { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const body = (await res.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
    return body.access_token;
  }

  control<T = WireJson>(method: string, path: string, body?: unknown): Promise<CallResult<T>> {
    return this.call<T>(method, `/_emulator${path}`, { body });
  }

  async advance(seconds: number): Promise<void> {
    const res = await this.control('POST', '/clock/advance', { seconds });
    if (res.status !== 200) throw new Error(`clock advance failed: ${res.text}`);
  }
}

let prefixCounter = 0;
/** A fresh onmicrosoft prefix per call, so tests never collide. */
export function freshPrefix(base = 'newco'): string {
  prefixCounter += 1;
  return `${base}${prefixCounter}${randomUUID().slice(0, 6).replace(/-/g, '')}`;
}

/** A valid create-customer body for a US company (PascalCase as in the docs when `pascal`). */
export function customerBody(prefix: string, overrides: { country?: string; state?: string; postalCode?: string; city?: string; phone?: string; registrationNumber?: string; associatedPartnerId?: string; companyName?: string; email?: string; enableGDAPByDefault?: boolean } = {}) {
  return {
    ...(overrides.enableGDAPByDefault !== undefined ? { enableGDAPByDefault: overrides.enableGDAPByDefault } : {}),
    ...(overrides.associatedPartnerId ? { associatedPartnerId: overrides.associatedPartnerId } : {}),
    companyProfile: { domain: `${prefix}.onmicrosoft.com`, ...(overrides.registrationNumber ? { organizationRegistrationNumber: overrides.registrationNumber } : {}) },
    billingProfile: {
      email: overrides.email ?? `billing@${prefix}.com`,
      culture: 'en-US',
      language: 'en',
      companyName: overrides.companyName ?? `${prefix} Ltd`,
      defaultAddress: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        addressLine1: '1 Microsoft Way',
        city: overrides.city ?? 'Redmond',
        state: overrides.state ?? 'WA',
        postalCode: overrides.postalCode ?? '98052',
        country: overrides.country ?? 'US',
        ...(overrides.phone ? { phoneNumber: overrides.phone } : {}),
      },
    },
  };
}

export function pascalCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalCase);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), pascalCase(v)]));
}

/** The default scenario without its seeded GDAP relationships: for tests about a tenant the partner has no delegated access to. */
export const SCENARIO_WITHOUT_GDAP = { ...DEFAULT_SCENARIO, tenants: DEFAULT_SCENARIO.tenants.map((t) => ({ ...t, gdap: [] })) };
