/** A refused or failed API call: the HTTP status and the problem's code, detail and field errors. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { field?: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** The CSP Hub REST API with an API token (`Authorization: Bearer csph_…`), over any base URL. */
export function createApi(opts: { url: string; token: string; fetch?: typeof fetch }) {
  const httpFetch = opts.fetch ?? fetch;
  const base = opts.url.replace(/\/$/, '');
  async function call<T>(method: string, path: string, body?: unknown, raw = false): Promise<T> {
    let res: Response;
    try {
      res = await httpFetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${opts.token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (e) {
      throw new ApiCallError(0, 'NETWORK', `Cannot reach ${base}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const text = await res.text();
    if (raw && res.ok) return text as T;
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!res.ok) {
      const errors = Array.isArray(parsed.errors) ? (parsed.errors as { field?: string; message: string }[]) : [];
      throw new ApiCallError(res.status, String(parsed.code ?? 'HTTP_' + res.status), String(parsed.detail ?? parsed.title ?? res.statusText), errors);
    }
    return parsed as T;
  }
  return {
    get: <T>(path: string) => call<T>('GET', path),
    /** The answer's body as text (a CSV export). */
    getText: (path: string) => call<string>('GET', path, undefined, true),
    post: <T>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
  };
}
export type Api = ReturnType<typeof createApi>;
