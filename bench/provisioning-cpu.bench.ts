/**
 * What a new-tenant run costs in CPU beside what the workflow engine alone costs for the same amount
 * of journaling, on embedded PGlite and (when DATABASE_URL is set) on PostgreSQL.
 *
 * - "new-tenant CPU per run": process CPU time over the completed runs of the real workflow against
 *   the emulator (no throttle). The emulator runs in a child process, so its CPU is not counted.
 * - "engine floor": a trivial DBOS workflow making as many DBOS operations as one new-tenant run did
 *   (counted in DBOS's `operation_outputs` for a finished run), each an empty step: no Partner
 *   Center, no application writes, only what DBOS itself writes. Same concurrency, same process,
 *   same database, measured right after the runs.
 * - On PostgreSQL the database server's CPU is read from /proc for the backends of the bench's own
 *   database (the server must be on this machine), and the SQL statements are counted at the driver;
 *   on PGlite, DBOS's system database and the application's are counted apart.
 * - BENCH_PROVISIONING_CPU_PROFILE=<folder> writes a V8 CPU profile of the measured new-tenant runs
 *   (only those, not the warm-up or the floor) per database, for `scripts/cpuprofile-summary.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DBOS } from '@dbos-inc/dbos-sdk';
import type { createPartnerCenterClient } from '@csphub/partner-center';
import { openDatabase, openWorkflowSystemPool } from '@csphub/db';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { countStatements } from '@csphub/testing';
import { defineWorkflow, launchWorkflowRuntime, randomIds, submitNewTenantRun, systemClock, type WorkflowDefinition } from '../packages/provisioning/src/index';
import { newTenantWorkflow, seedAccounts, timelineOf, wireNewTenantPorts, wizardInput } from '../packages/provisioning/test/new-tenant/new-tenant-wiring';
import { createThrowawayPostgres } from '../packages/provisioning/test/crash/throwaway-postgres';

type Report = (name: string, value: number, unit: string) => void;
type Limits = Parameters<typeof createPartnerCenterClient>[0]['limits'];

const RUNS = Number(process.env.BENCH_PROVISIONING_CPU_RUNS ?? 40);
const WARMUP = 6;
const UNLIMITED = { customers: { limit: 1e9, windowMs: 60_000 }, orders: { limit: 1e9, windowMs: 60_000 }, subscriptions: { limit: 1e9, windowMs: 60_000 }, graph: { limit: 1e9, windowMs: 60_000 } } as Limits;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The floor: `n` empty DBOS steps, nothing else. */
const floorWorkflow = defineWorkflow<{ operations: number }, number>({
  name: 'bench-engine-floor',
  async run({ operations }) {
    for (let i = 0; i < operations; i++) await DBOS.runStep(async () => i, { name: 'noop' });
    return operations;
  },
});

export default async function bench(report: Report): Promise<void> {
  const emulator = await startEmulatorProcess();
  try {
    await createEmulatorControl(emulator.url).setThrottling({ limitPerMinute: 1_000_000 });
    await measureOn('PGlite', emulator.url, report);
    if (process.env.DATABASE_URL) await measureOn('PostgreSQL', emulator.url, report);
  } finally {
    emulator.child.kill('SIGTERM');
  }
}

async function measureOn(label: 'PGlite' | 'PostgreSQL', emulatorUrl: string, report: Report): Promise<void> {
  const throwaway = label === 'PostgreSQL' ? await createThrowawayPostgres(process.env.DATABASE_URL!, 'runcpu') : null;
  const app = await openDatabase(throwaway ? { kind: 'postgres', url: throwaway.url } : { kind: 'pglite' });
  const sys = throwaway ? null : await openWorkflowSystemPool({});
  const seeded = await seedAccounts(app.db, RUNS + WARMUP, `Cpu${label}`);
  const ports = wireNewTenantPorts(app.db, emulatorUrl, { limits: UNLIMITED });
  const workflow = newTenantWorkflow(ports);
  const runtime = await launchWorkflowRuntime({
    systemDatabase: throwaway ? { kind: 'url', url: throwaway.url } : { kind: 'pool', pool: sys!.pool },
    executorId: `bench-cpu-${label.toLowerCase()}`,
    workflows: [workflow as WorkflowDefinition<never, unknown>, floorWorkflow as WorkflowDefinition<never, unknown>],
    timeline: timelineOf(app.db),
    clock: systemClock,
    ids: randomIds,
  });
  const systemQuery = async (text: string, values: unknown[]) => {
    if (sys) return (await sys.pool.query(text, values)).rows;
    const c = new pg.Client({ connectionString: throwaway!.url });
    await c.connect();
    try {
      return (await c.query(text, values)).rows;
    } finally {
      await c.end();
    }
  };
  const tag = Date.now().toString(36);
  let next = 0;
  let floors = 0;
  const runNewTenant = async (count: number) => {
    const handles = await Promise.all(
      Array.from({ length: count }, () => {
        const i = next++;
        return submitNewTenantRun(runtime, workflow, wizardInput(seeded.customers[i]!.id, seeded.connectionId, `c${label === 'PGlite' ? 'g' : 'p'}${tag}${i}`));
      }),
    );
    const results = await Promise.all(handles.map((h) => h.handle.result()));
    return { ok: results.filter((r) => r.state === 'succeeded').length, runIds: handles.map((h) => h.runId) };
  };
  const runFloor = async (count: number, operations: number) => {
    const handles = await Promise.all(Array.from({ length: count }, () => runtime.start(floorWorkflow, `bench-floor-${tag}-${floors++}`, { operations })));
    await Promise.all(handles.map((h) => h.result()));
  };

  try {
    // Warm up both (JIT, pools, the emulator's caches), and count one run's DBOS operations.
    const warm = await runNewTenant(WARMUP);
    if (warm.ok !== WARMUP) throw new Error(`warm-up: ${WARMUP - warm.ok} new-tenant runs did not succeed`);
    const [{ n }] = (await systemQuery('select count(*)::int as n from dbos.operation_outputs where workflow_uuid = $1', [warm.runIds[0]])) as [{ n: number }];
    await runFloor(WARMUP, n);

    const dbCpu = throwaway ? await backendCpu(throwaway.name) : null;
    const measure = async (body: () => Promise<number>) => {
      const db0 = dbCpu ? await dbCpu.sample() : 0;
      // Every pg client of this process: DBOS's system database, and the application on PostgreSQL.
      const log = countStatements({ kind: 'postgres' });
      // On PGlite the application's database is another instance: its statements are counted there.
      const appLog = throwaway ? null : countStatements(app);
      const cpu0 = process.cpuUsage();
      const done = await body().finally(() => {
        log.stop();
        appLog?.stop();
      });
      const cpu = process.cpuUsage(cpu0);
      const sql = log.count;
      const db1 = dbCpu ? await dbCpu.sample() : 0;
      return { appMs: (cpu.user + cpu.system) / 1000 / done, dbMs: (db1 - db0) / done, statements: sql / done, appStatements: (appLog?.count ?? 0) / done };
    };
    const run = await profiled(label, () => measure(async () => (await runNewTenant(RUNS)).ok));
    const floor = await measure(async () => (await runFloor(RUNS, n), RUNS));

    report(`new-tenant: DBOS operations per run, ${label}`, n, 'operations');
    report(`new-tenant CPU per run, ${label} (${RUNS} concurrent)`, run.appMs + run.dbMs, 'ms');
    report(`engine floor CPU per run, ${label} (${n} empty steps)`, floor.appMs + floor.dbMs, 'ms');
    report(`  engine floor CPU per DBOS operation, ${label}`, (floor.appMs + floor.dbMs) / n, 'ms');
    if (dbCpu) {
      report(`  new-tenant: this process / database server, ${label}`, run.appMs, `ms / ${run.dbMs.toFixed(1)} ms`);
      report(`  engine floor: this process / database server, ${label}`, floor.appMs, `ms / ${floor.dbMs.toFixed(1)} ms`);
      report(`new-tenant SQL statements per run, ${label}`, run.statements, 'statements');
      report(`engine floor SQL statements per run, ${label}`, floor.statements, 'statements');
    } else {
      report(`  new-tenant: DBOS system-database statements per run, ${label}`, run.statements, 'statements');
      report(`  new-tenant: application-database statements per run, ${label}`, run.appStatements, 'statements');
      report(`  engine floor: DBOS system-database statements per run, ${label}`, floor.statements, 'statements');
    }
    report(`new-tenant CPU per run / engine floor, ${label}`, (run.appMs + run.dbMs) / (floor.appMs + floor.dbMs), 'x');
  } finally {
    await runtime.shutdown();
    await sys?.close();
    await app.close();
    await throwaway?.drop().catch(() => undefined);
  }
}

/** Runs `body` under the V8 profiler when BENCH_PROVISIONING_CPU_PROFILE names a folder. */
async function profiled<T>(label: string, body: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROVISIONING_CPU_PROFILE;
  if (!dir) return body();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await body();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `new-tenant-${label.toLowerCase()}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** CPU (ms) of the PostgreSQL backends serving `database`, read from /proc (the server must be local). */
async function backendCpu(database: string) {
  const ticks = 1000 / 100; // ms per clock tick (USER_HZ is 100 on Linux)
  const seen = new Map<number, number>();
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  const cpuOf = (pid: number) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * ticks;
    } catch {
      return undefined;
    }
  };
  return {
    /** Total CPU so far of every backend seen; a backend that exits keeps its last reading. */
    // Read outside the statement count's window (before it opens, after it closes).
    async sample(): Promise<number> {
      const { rows } = await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
      for (const { pid } of rows) if (!seen.has(pid)) seen.set(pid, cpuOf(pid) ?? 0);
      let total = 0;
      for (const [pid, last] of seen) {
        const now = cpuOf(pid) ?? last;
        seen.set(pid, now);
        total += now;
      }
      return total;
    },
  };
}

async function startEmulatorProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, 'packages/partner-center-emulator/bin/csp-emulator.mjs'), '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening: ${out}`)));
  });
  return { url, child };
}
