import { z } from 'zod';

/**
 * Partner Center treats JSON property names case-insensitively: its doc examples send PascalCase
 * (`CompanyProfile`, `Domain`) and it answers camelCase (docs/PARTNER-CENTER-REFERENCE.md §2.2). Request
 * schemas are written in camelCase and wrapped with {@link acceptPascalCase}, which lower-cases the
 * first letter of every key before validation. Keys starting with `@` (OData annotations) are kept.
 */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const camel = key.startsWith('@') || key.length === 0 ? key : key[0]!.toLowerCase() + key.slice(1);
    out[camel] = camelizeKeys(inner);
  }
  return out;
}

/** Wraps a camelCase request schema so PascalCase bodies parse to the same value. */
export function acceptPascalCase<T extends z.ZodType>(schema: T) {
  return z.preprocess(camelizeKeys, schema);
}
