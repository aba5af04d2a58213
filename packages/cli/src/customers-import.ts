import fs from 'node:fs';
import { ApiCallError, type Api } from './api';
import { readRecords, writeCsv } from './csv';
import { checkRow, IMPORT_COLUMNS } from './import-row';

/** One row's outcome, as the result file and `--json` give it. */
export interface RowResult {
  row: number;
  ref: string;
  status: 'would-create' | 'created' | 'resumed' | 'failed';
  companyId: number | null;
  runId: string | null;
  field: string | null;
  reason: string | null;
}

/** What a row already did, kept beside the CSV so an interrupted import resumes without repeating it. */
interface RowState {
  companyId?: number;
  runId?: string;
}

export const RESULT_COLUMNS = ['row', 'ref', 'status', 'companyId', 'runId', 'field', 'reason'];

export interface ImportOptions {
  file: string;
  dryRun: boolean;
  /** Where the row outcomes go (CSV); `<file>.result.csv` by default. */
  resultFile?: string | undefined;
  /** Called after each row (the progress bar). */
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

const failure = (row: number, ref: string, field: string, reason: string): RowResult => ({ row, ref, status: 'failed', companyId: null, runId: null, field, reason });
const fieldOf = (e: ApiCallError, fallback: string) => e.errors[0]?.field ?? fallback;

/**
 * `csphub customers import`: checks every row (a bad row never stops the others), and unless
 * `dryRun` creates each company and starts its new-tenant run through the API. Idempotent per row:
 * what a row did is kept in `<file>.state.json` as soon as it is done, and a company is looked up
 * by name under its parent before being created, so an interrupted import resumes where it stopped.
 */
export async function importCustomers(api: Api, opts: ImportOptions): Promise<RowResult[]> {
  const { header, records } = readRecords(fs.readFileSync(opts.file, 'utf8'));
  const unknown = header.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0) throw new Error(`Unknown column(s) ${unknown.join(', ')}; the columns are ${IMPORT_COLUMNS.join(', ')}.`);
  const stateFile = `${opts.file}.state.json`;
  const state: Record<string, RowState> = fs.existsSync(stateFile) ? (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as Record<string, RowState>) : {};
  const save = () => fs.writeFileSync(stateFile, JSON.stringify(state, null, 1));
  const seenRefs = new Set<string>();
  const seenPrefixes = new Set<string>();
  const results: RowResult[] = [];
  for (const [i, record] of records.entries()) {
    const row = i + 2; // the header is line 1
    results.push(await importRow(api, record, row, { dryRun: opts.dryRun, state, save, seenRefs, seenPrefixes, now: opts.now ?? new Date() }));
    opts.onProgress?.(i + 1, records.length);
  }
  fs.writeFileSync(opts.resultFile ?? `${opts.file}.result.csv`, writeCsv(RESULT_COLUMNS, results as unknown as Record<string, string>[]));
  return results;
}

async function importRow(
  api: Api,
  record: Record<string, string>,
  row: number,
  ctx: { dryRun: boolean; state: Record<string, RowState>; save: () => void; seenRefs: Set<string>; seenPrefixes: Set<string>; now: Date },
): Promise<RowResult> {
  const checked = checkRow(record, ctx.now);
  if (!checked.ok) return failure(row, checked.ref, checked.field, checked.reason);
  const { ref } = checked;
  if (ctx.seenRefs.has(ref)) return failure(row, ref, 'ref', 'appears twice in the file');
  ctx.seenRefs.add(ref);
  const done = ctx.state[ref];
  if (done?.runId) return { row, ref, status: 'resumed', companyId: done.companyId ?? null, runId: done.runId, field: null, reason: null };
  if (ctx.seenPrefixes.has(checked.domainPrefix)) return failure(row, ref, 'domainPrefix', 'appears twice in the file');
  ctx.seenPrefixes.add(checked.domainPrefix);
  try {
    if (!done?.companyId) {
      // Prefix availability and the reseller's Partner ID, asked at the parent before anything is created.
      const q = new URLSearchParams({ connectionId: checked.connectionId, prefix: checked.domainPrefix });
      const domain = await api.get<{ available: boolean | null; message: string }>(`/api/v1/companies/${checked.parentId}/onboarding/domain-check?${q}`);
      if (domain.available !== true) return failure(row, ref, 'domainPrefix', domain.message);
      if (checked.resellerPartnerId) {
        const verdict = await api.post<{ status: string; message: string }>(`/api/v1/companies/${checked.parentId}/onboarding/partner-id-check`, { connectionId: checked.connectionId, partnerId: checked.resellerPartnerId });
        if (verdict.status !== 'ok' && verdict.status !== 'global-id') return failure(row, ref, 'resellerPartnerId', verdict.message);
      }
    }
    if (ctx.dryRun) return { row, ref, status: 'would-create', companyId: done?.companyId ?? null, runId: null, field: null, reason: null };
    let companyId = done?.companyId;
    let resumed = companyId !== undefined;
    if (companyId === undefined) {
      const existing = await findCompany(api, checked.parentId, String(checked.company.name));
      resumed = existing !== undefined;
      companyId = existing ?? (await api.post<{ id: number }>('/api/v1/companies', checked.company)).id;
      ctx.state[ref] = { companyId };
      ctx.save();
    }
    const run = await api.post<{ runId: string }>(`/api/v1/companies/${companyId}/onboarding/new-tenant`, checked.order);
    ctx.state[ref] = { companyId, runId: run.runId };
    ctx.save();
    return { row, ref, status: resumed ? 'resumed' : 'created', companyId, runId: run.runId, field: null, reason: null };
  } catch (e) {
    if (e instanceof ApiCallError && e.status !== 0 && e.status < 500) return { ...failure(row, ref, fieldOf(e, 'row'), e.message), companyId: ctx.state[ref]?.companyId ?? null };
    throw e;
  }
}

/** A customer already created under the parent with this exact name (a row whose creation answer was lost). */
async function findCompany(api: Api, parentId: number, name: string): Promise<number | undefined> {
  const q = new URLSearchParams({ q: name, kind: 'customer', limit: '200' });
  const found = await api.get<{ matches: { id: number; parentId: number | null; name: string }[] }>(`/api/v1/companies/search?${q}`);
  return found.matches.find((m) => m.name === name && m.parentId === parentId)?.id;
}
