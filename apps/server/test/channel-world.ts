import type { Role } from '@csphub/domain';
import { createRepos, createSecretBox, type CompanyRow, type Repos } from '@csphub/db';
import { hashPassword } from '../src/security/password';
import type { TestApp } from './test-app';

export const PASSWORD = 'correct-horse-battery';

/** A signed-in caller: the headers to send (cookie, and the CSRF token for changes). */
export interface Caller {
  role: Role;
  email: string;
  /** The company the user belongs to. */
  home: CompanyRow;
  headers: Record<string, string>;
}

/**
 * A small channel for access tests:
 * Distributor > Reseller One (r1) > Customer One (c1), Customer One B (c1b)
 *             > Reseller Two (r2) > Customer Two (c2)
 *             > Direct Customer (direct)
 * with one user per role: distributor roles in the distributor, reseller roles in r1, customer
 * roles in c1.
 */
export async function seedWorld(t: TestApp) {
  const repos: Repos = createRepos(t.database.db, createSecretBox(t.secretKey));
  const now = new Date();
  const address = (country: string, postalCode: string) => ({ billingLine1: 'Main street 1', billingCity: 'Town', billingCountry: country, billingPostalCode: postalCode || null });
  const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now, ...address('ES', '28001') });
  const r1 = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Reseller One', partnerId: '1234567', now, ...address('ES', '28002') });
  const r2 = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Reseller Two', partnerId: '7654321', now, ...address('PE', '15074') });
  const c1 = await repos.companies.create({ kind: 'customer', parent: r1, name: 'Customer One', domain: 'one.example', email: 'it@one.example', phone: '+34 912 345 678', now, ...address('ES', '') });
  const c1b = await repos.companies.create({ kind: 'customer', parent: r1, name: 'Customer One B', now });
  const c2 = await repos.companies.create({ kind: 'customer', parent: r2, name: 'Customer Two', now });
  const direct = await repos.companies.create({ kind: 'customer', parent: d, name: 'Direct Customer', now });
  const passwordHash = await hashPassword(PASSWORD);
  const homes: Record<Role, CompanyRow> = {
    distributor_admin: d,
    distributor_operator: d,
    reseller_admin: r1,
    reseller_operator: r1,
    customer_admin: c1,
    billing_reader: c1,
  };
  const users: Record<string, string> = {};
  for (const [role, home] of Object.entries(homes) as [Role, CompanyRow][]) {
    const email = `${role.replace(/_/g, '-')}@world.test`;
    await repos.users.create({ companyId: home.id, email, name: role, passwordHash, role, now });
    users[role] = email;
  }
  const conn = await repos.connections.create(d.id, { name: 'Indirect ES', region: 'ES', type: 'indirect-provider', mode: 'emulated', tenantId: 'tenant', appId: 'app', appSecret: 'world-secret', refreshToken: 'world-refresh' }, now);
  return { repos, d, r1, r2, c1, c1b, c2, direct, homes, users, conn };
}
export type World = Awaited<ReturnType<typeof seedWorld>>;

/** Signs in through the API and returns the headers later requests need. */
export async function signInAs(t: TestApp, email: string, password = PASSWORD, extraHeaders: Record<string, string> = {}): Promise<{ headers: Record<string, string>; body: { csrfToken: string } }> {
  const res = await t.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...extraHeaders }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const body = (await res.json()) as { csrfToken: string };
  return { headers: { cookie, 'x-csrf-token': body.csrfToken }, body };
}

/** Signs in once per role. */
export async function callersOf(t: TestApp, world: World): Promise<Record<Role, Caller>> {
  const out = {} as Record<Role, Caller>;
  for (const [role, email] of Object.entries(world.users) as [Role, string][]) {
    out[role] = { role, email, home: world.homes[role], headers: (await signInAs(t, email)).headers };
  }
  return out;
}

/** A JSON request with a caller's headers. */
export function call(t: TestApp, caller: { headers: Record<string, string> } | null, method: string, path: string, body?: unknown) {
  return t.app.request(path, {
    method,
    headers: { ...(caller?.headers ?? {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

/** A response body as loosely typed JSON, for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json(res: Response | Promise<Response>): Promise<any> {
  return (await res).json();
}
