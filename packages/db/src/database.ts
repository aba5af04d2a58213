import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index';

/** A Drizzle handle that runs on PGlite and on node-postgres alike. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Where the data lives: an embedded PGlite folder (or memory), or a PostgreSQL server. */
export type DatabaseTarget = { kind: 'pglite'; dataDir?: string | undefined } | { kind: 'postgres'; url: string };

/** An open database with its migrations applied. */
export interface OpenDatabase {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Runs `select 1`; resolves with the round trip in milliseconds. */
  ping(): Promise<number>;
  close(): Promise<void>;
  /** The raw PGlite instance in embedded mode (DBOS shares it); undefined on PostgreSQL. */
  pglite?: unknown;
}
