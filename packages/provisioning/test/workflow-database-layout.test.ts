import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- measures the db package's two embedded layouts (decision 0005)
import { createSettingsRepo, openDatabase, openWorkflowSystemPool, type OpenDatabase, type WorkflowSystemPool } from '@csphub/db';

/**
 * Why DBOS gets its own PGlite folder (docs/decisions/0005-workflow-database.md): PGlite has one
 * session, and its node-postgres adapter sends DBOS's BEGIN ... COMMIT as separate messages, so an
 * application write issued while a DBOS transaction is open becomes part of it, and is lost when
 * DBOS rolls back. If PGlite ever isolates the adapter, the first test fails and the decision
 * should be revisited.
 */
describe('embedded workflow database layouts', () => {
  let app: OpenDatabase;
  let shared: WorkflowSystemPool;
  let folder: WorkflowSystemPool;
  beforeAll(async () => {
    app = await openDatabase({ kind: 'pglite' });
    shared = await openWorkflowSystemPool({ pglite: app.pglite });
    folder = await openWorkflowSystemPool({});
  });
  afterAll(async () => {
    await shared?.close();
    await folder?.close();
    await app?.close();
  });

  async function writeDuringRolledBackSystemTransaction(sys: WorkflowSystemPool, key: string) {
    const client = await sys.pool.connect();
    try {
      await client.query('begin');
      await client.query('select 1');
      await createSettingsRepo(app.db).set(key, { by: 'application' }); // an unrelated application write
      await client.query('rollback');
    } finally {
      client.release();
    }
    return createSettingsRepo(app.db).get(key);
  }

  it('shared instance: an application write made during a DBOS transaction is rolled back with it', async () => {
    expect(await writeDuringRolledBackSystemTransaction(shared, 'probe.shared')).toBeUndefined();
  });

  it('separate folder: the application write stands', async () => {
    expect(await writeDuringRolledBackSystemTransaction(folder, 'probe.folder')).toEqual({ by: 'application' });
  });
});
