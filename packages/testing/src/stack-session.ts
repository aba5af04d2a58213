import { STACK_DEMO_PASSWORD } from './start-stack';

/** What a signed-in session answers: the status, the parsed JSON body and how long it took. */
export interface StackAnswer {
  status: number;
  // Tests read whatever fields the route answers.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  ms: number;
}

export interface StackSession {
  /** Calls the API with the session cookie and CSRF token (a JSON body when one is given). */
  api(method: string, path: string, body?: unknown): Promise<StackAnswer>;
  /** The session's cookie and CSRF header, for a request sent another way. */
  headers: Record<string, string>;
}

/**
 * Signs in to a running stack (`startStack`) through `POST /api/v1/auth/login`, by default with the
 * stack's demo password, and returns the session; throws with the answer when the sign-in fails.
 */
export async function signInToStack(baseUrl: string, email: string, password = STACK_DEMO_PASSWORD): Promise<StackSession> {
  const login = () => fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  // Right after a stack starts, the first request may go out on a kept-alive connection the server
  // is closing just then (ECONNRESET, seen on busy machines): that one is sent again once.
  const res = await login().catch((e: unknown) => {
    if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw e;
    return login();
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  return {
    headers,
    async api(method, path, body) {
      const started = Date.now();
      const r = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await r.text();
      return { status: r.status, body: text ? (JSON.parse(text) as unknown) : undefined, ms: Date.now() - started };
    },
  };
}

/** The body of `POST /api/v1/companies` for a customer under `parentId`, with a valid US address and contact. */
export function usCustomerBody(parentId: number, name: string, email: string) {
  return {
    kind: 'customer',
    parentId,
    name,
    email,
    country: 'US',
    language: 'en',
    contactPerson: 'Test Contact',
    billingLine1: '1 Main Street',
    billingCity: 'Seattle',
    billingState: 'WA',
    billingPostalCode: '98101',
    billingCountry: 'US',
    phone: '+1 206 555 0100',
  };
}
