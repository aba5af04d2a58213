/** The largest whole number PostgreSQL's `integer` holds; every id and count the API stores is one. */
export const MAX_STORED_INTEGER = 2_147_483_647;

/** What is wrong with one value of a request that passed its schema but cannot be stored. */
export interface UnstorableValue {
  /** Where it sits, as a path of keys (empty for the value itself). */
  at: (string | number)[];
  message: string;
}

/**
 * Finds the first value in a validated request that the database would refuse with an error
 * rather than store, so that it is answered 400 naming the field instead of a 500:
 * - a NUL character (U+0000) in a string or a key: PostgreSQL refuses it in text and jsonb
 *   (https://www.postgresql.org/docs/current/datatype-character.html); no field has a use for one;
 * - a whole number outside PostgreSQL's `integer` range
 *   (https://www.postgresql.org/docs/current/datatype-numeric.html): ids, counts and limits are
 *   stored as `integer`, so a larger one can name nothing and would fail the query.
 */
export function findUnstorableValue(value: unknown, at: (string | number)[] = []): UnstorableValue | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? { at, message: 'contains a NUL character (\\u0000); remove it' } : undefined;
  if (typeof value === 'number') {
    return Number.isInteger(value) && Math.abs(value) > MAX_STORED_INTEGER ? { at, message: `must be between -${MAX_STORED_INTEGER} and ${MAX_STORED_INTEGER}` } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableValue(value[i], [...at, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return { at: [...at, key], message: 'has a NUL character (\\u0000) in its name; remove it' };
      const found = findUnstorableValue(child, [...at, key]);
      if (found) return found;
    }
  }
  return undefined;
}
