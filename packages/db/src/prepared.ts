import type { Database } from './database';

/**
 * A statement prepared once per database handle (Drizzle's `.prepare()`), on its first use: a
 * transaction's handle gets its own. Returns the function that gives a handle's statement.
 */
export function preparedPerHandle<S>(prepare: (db: Database) => S): (db: Database) => S {
  const statements = new WeakMap<Database, S>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) statements.set(db, (statement = prepare(db)));
    return statement;
  };
}
