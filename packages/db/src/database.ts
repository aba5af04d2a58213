import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index';

/** A Drizzle handle that runs on PGlite and on node-postgres alike. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Where the data lives: an embedded PGlite folder (or memory), or a PostgreSQL server. */
export type DatabaseTarget =
  | {
      kind: 'pglite';
      dataDir?: string | undefined;
      /**
       * An in-memory database only: a PGlite data folder as a tarball (`dumpDataDir`) to start from
       * instead of running initdb. Migrations still run on it (a no-op when it holds all of them).
       * Tests use a migrated template this way (`createTestDatabase` in @csphub/testing).
       */
      template?: Blob | undefined;
    }
  | { kind: 'postgres'; url: string };

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
