/**
 * Latency of the main reads under a fixed arrival rate on PostgreSQL with two server processes:
 * two `apps/server` processes (as `npm start` runs them, each its own worker id) on one throwaway
 * database of DATABASE_URL, the demo channel seeded by the first; an open-loop sender in this
 * process sends READS_RATE requests a second (default 200) for READS_SECONDS (default 15), round
 * robin over the two processes, whatever the answers' pace, and times each request from the moment
 * it was due (a late send counts as waiting). Reports p50, p99 and p99 / 50 ms (the goal), the 503
 * SERVER_BUSY answers and the load average. Skipped without DATABASE_URL: the embedded database is
 * one process only.
 */
import http from 'node:http';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { signInToStack, startStack, type Stack } from '@csphub/testing';
import type { Report } from './run';

const RATE = Number(process.env.READS_RATE ?? 200);
const SECONDS = Number(process.env.READS_SECONDS ?? 15);
const WARM_SECONDS = 3;
const GOAL_P99_MS = 50;

function get(agent: http.Agent, base: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(`${base}${path}`, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Sends `rate` requests a second for `seconds`, each at its due time; returns latencies and statuses. */
async function openLoop(send: (i: number) => Promise<number>, rate: number, seconds: number) {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      send(i).then((status) => {
        latencies.push(performance.now() - due);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
    );
  }
  const elapsed = (performance.now() - start) / 1000;
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]!;
  return { p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1]!, statuses, sentPerSecond: total / elapsed };
}

export default async function readsLoadBench(report: Report) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('  skipped: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test); two server processes need PostgreSQL');
    return;
  }
  const name = `csphub_load_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`).finally(() => admin.end());
  const target = new URL(url);
  target.pathname = `/${name}`;
  const stacks: Stack[] = [];
  try {
    const env = { DATABASE_URL: target.toString(), LOG_LEVEL: 'error' };
    stacks.push(await startStack({ env: { ...env, CSPHUB_DEMO: '1', CSPHUB_WORKER_ID: 'load-a' }, timeoutMs: 300_000 }));
    // The second process reads Partner Center through the first one's emulator.
    stacks.push(await startStack({ env: { ...env, CSPHUB_EMULATOR: 'off', CSPHUB_EMULATOR_PORT: String(stacks[0]!.emulatorPort), CSPHUB_WORKER_ID: 'load-b' }, timeoutMs: 300_000 }));
    const { api, headers } = await signInToStack(stacks[0]!.url, 'distributor@demo.test');
    const tree = (await api('GET', '/api/v1/companies/tree')).body.nodes as { id: number; name: string; kind: string }[];
    const wingtip = tree.find((c) => c.name.startsWith('Wingtip'))!;
    const reseller = tree.find((c) => c.kind === 'reseller')!;
    const paths = [
      '/api/v1/auth/session',
      `/api/v1/companies/${wingtip.id}`,
      '/api/v1/companies/search?limit=50',
      `/api/v1/companies/branch?parentId=${reseller.id}`,
      `/api/v1/companies/${wingtip.id}/orders`,
      `/api/v1/companies/${wingtip.id}/subscriptions`,
      `/api/v1/audit-log?companyId=${wingtip.id}`,
      '/api/v1/cockpit/summary',
    ];
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
    // Every route answers on both processes before the clock starts (and the subscriptions are stored).
    for (const s of stacks) {
      for (const p of paths) {
        const status = await get(agent, s.url, p, headers);
        if (status !== 200) throw new Error(`${s.url}${p} answered ${status}`);
      }
    }
    const send = (i: number) => get(agent, stacks[i % 2]!.url, paths[Math.floor(i / 2) % paths.length]!, headers);
    await openLoop(send, RATE, WARM_SECONDS);
    const load0 = os.loadavg()[0]!;
    const m = await openLoop(send, RATE, SECONDS);
    const load1 = os.loadavg()[0]!;
    const label = `reads under load (PostgreSQL, 2 processes, ${RATE}/s for ${SECONDS} s, mix of ${paths.length} routes)`;
    report(`${label}: sent per second`, m.sentPerSecond, '/s');
    report(`${label}: p50`, m.p50, 'ms');
    report(`${label}: p99`, m.p99, 'ms');
    report(`${label}: max`, m.max, 'ms');
    report(`${label}: p99 / 50 ms goal`, m.p99 / GOAL_P99_MS, 'x');
    report(`${label}: answers 503 (busy)`, m.statuses.get(503) ?? 0, 'requests');
    report(`${label}: no answer within 30 s (or connection error)`, m.statuses.get(0) ?? 0, 'requests');
    report(`${label}: answers other than 200, 503`, [...m.statuses].filter(([s]) => s !== 200 && s !== 503 && s !== 0).reduce((n, [, c]) => n + c, 0), 'requests');
    report(`${label}: load average (1 min) before`, load0, '');
    report(`${label}: load average (1 min) after`, load1, '');
    agent.destroy();
  } finally {
    for (const s of stacks.reverse()) await s.stop();
    const drop = new pg.Client({ connectionString: url });
    await drop.connect();
    await drop.query(`drop database if exists ${name} with (force)`).finally(() => drop.end());
  }
}
