/** A thin client of the emulator's control plane (`/_emulator/*`), for assertions and fault injection. */
export function emulatorControl(url: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  type State = {
    tenants: { tenantId: string; companyName: string; domains: string[] }[];
    agreements: { customerTenantId: string; partnerTenantId: string }[];
    users: { id: string; customerTenantId: string; userPrincipalName: string; forceChangePassword: boolean; directoryRoles: string[] }[];
  };
  return {
    call,
    state: () => call<State>('GET', '/state'),
    /** Tenants whose initial domain is `<prefix>.onmicrosoft.com`. */
    async tenantsWithPrefix(prefix: string) {
      const s = await call<State>('GET', '/state');
      return s.tenants.filter((t) => t.domains.includes(`${prefix}.onmicrosoft.com`));
    },
    /** MCA confirmations recorded for a tenant. */
    async agreementsOf(tenantId: string) {
      const s = await call<State>('GET', '/state');
      return s.agreements.filter((a) => a.customerTenantId === tenantId);
    },
    /** The tenant's users, with their first-sign-in rule and directory roles. */
    async usersOf(tenantId: string) {
      const s = await call<State>('GET', '/state');
      return s.users.filter((u) => u.customerTenantId === tenantId);
    },
    /** Acts as the user signing in: is this the current password, and must it be changed. */
    signIn: (tenantId: string, userPrincipalName: string, password: string) =>
      call<{ signedIn: boolean; mustChangePassword: boolean | null }>('POST', `/customers/${encodeURIComponent(tenantId)}/sign-in`, { userPrincipalName, password }),
    calls: (operation?: string) =>
      call<{ count: number; calls: { operation: string; status: number; requestId?: string; replayed?: boolean; fault?: string }[] }>(
        'GET',
        `/calls${operation ? `?operation=${encodeURIComponent(operation)}` : ''}`,
      ),
    fault: (f: { route: string; status?: number; retryAfterSeconds?: number; count?: number; probability?: number; delayMs?: number }) => call('POST', '/faults', f),
    clearFaults: () => call('DELETE', '/faults'),
  };
}
