import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This folder: worker scripts are named relative to it. */
export const crashTestFolder = path.dirname(fileURLToPath(import.meta.url));

/**
 * Every worker script the crash tests spawn, relative to this folder. The crash tier's global setup
 * bundles each once per run (bundle-workers.global.ts); a script missing here starts through tsx.
 */
export const CRASH_WORKERS = [
  'crash-worker.ts',
  'sweeper-worker.ts',
  '../new-tenant/new-tenant-worker.ts',
  '../orders/order-worker.ts',
  '../existing-tenant/link-worker.ts',
  '../gdap/gdap-worker.ts',
] as const;

/** The bundle's file name for a worker script (`../orders/order-worker.ts` -> `order-worker.mjs`). */
export const bundleNameOf = (script: string) => `${path.basename(script, '.ts')}.mjs`;
