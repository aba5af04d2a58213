const SECRET_KEY = /secret|password|token|refresh|credential|apikey|api_key/i;

/** What a masked secret looks like in the audit log: that it was set, never its value. */
export const MASK = '***';

/**
 * A deep copy of `value` with every secret-looking field replaced by `***` (or null when it was
 * empty), so that audit before/after states can be stored and exported without leaking credentials.
 * Fields named like `hasAppSecret` (booleans saying whether a secret is set) are kept.
 */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v)) as T;
  if (value instanceof Date) return value;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (SECRET_KEY.test(k) && typeof v !== 'boolean') out[k] = v === null || v === undefined || v === '' ? null : MASK;
    else out[k] = maskSecrets(v);
  }
  return out as T;
}

/** The fields whose values differ between two flat states (for a readable audit summary). */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null)).sort();
}
