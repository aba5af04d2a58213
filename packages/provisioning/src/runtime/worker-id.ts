import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * The DBOS executor id of this process (docs/WORKFLOWS.md §5): unique per worker and stable across its
 * restarts, because DBOS recovers a pending workflow only in a process that starts with its owner's
 * id. An explicit id (CSPHUB_WORKER_ID) wins; otherwise one is generated once and kept in the data
 * folder, so each folder is one worker.
 */
export function resolveWorkerId(opts: { configured?: string | undefined; dataDir: string }): string {
  if (opts.configured && opts.configured.trim() !== '') return opts.configured.trim();
  const file = path.join(opts.dataDir, 'worker-id');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch {
    /* first start */
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const id = `worker-${randomUUID()}`;
  try {
    fs.writeFileSync(file, id + '\n', { flag: 'wx' });
    return id;
  } catch {
    // Another start raced us to it: use theirs.
    return fs.readFileSync(file, 'utf8').trim();
  }
}
