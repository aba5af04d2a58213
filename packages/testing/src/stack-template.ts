import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, openWorkflowSystemPool } from '@csphub/db';
import { templateKey } from './test-database';

let built: Promise<string> | undefined;

/**
 * Fills a new stack's data folder with the two embedded databases a first start would create
 * (`pglite`, every migration applied; `workflows`, the workflow journal's empty PGlite cluster), so
 * the server opens them instead of running initdb twice and every migration. Built once on disk
 * and kept in the temporary folder under the same key as the in-memory test template (migration
 * files and PGlite version), then copied for each stack. The server still runs its migrations and
 * the workflow runtime's own on the copies, and still seeds the demo data and the secret key:
 * only the work that is the same on every first start is skipped. The first start itself (initdb
 * and the migrations on an empty folder) stays under test where a test passes its own folder
 * (`apps/server/test/default-install.test.ts`, `startup.test.ts`). The crash tests' workers start
 * from the same copies (`appFolder` names the application database's folder there).
 */
export async function seedStackDataDir(dataDir: string, appFolder = 'pglite'): Promise<void> {
  const template = await stackTemplate();
  fs.cpSync(path.join(template, 'pglite'), path.join(dataDir, appFolder), { recursive: true });
  fs.cpSync(path.join(template, 'workflows'), path.join(dataDir, 'workflows'), { recursive: true });
}

function stackTemplate(): Promise<string> {
  built ??= (async () => {
    const dir = path.join(os.tmpdir(), `csphub-stack-template-${templateKey()}`);
    if (fs.existsSync(dir)) return dir;
    const partial = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.mkdirSync(partial, { recursive: true });
    try {
      const app = await openDatabase({ kind: 'pglite', dataDir: path.join(partial, 'pglite') });
      await app.close();
      const journal = await openWorkflowSystemPool({ dataDir: path.join(partial, 'workflows') });
      await journal.close();
      for (const name of fs.readdirSync(partial)) if (name.endsWith('.lock')) fs.rmSync(path.join(partial, name), { force: true });
      try {
        fs.renameSync(partial, dir); // atomic: a process building the same template beside this one loses the race harmlessly
      } catch {
        fs.rmSync(partial, { recursive: true, force: true });
      }
      return dir;
    } catch (e) {
      fs.rmSync(partial, { recursive: true, force: true });
      throw e;
    }
  })();
  built.catch(() => (built = undefined));
  return built;
}
