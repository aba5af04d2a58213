import { getTableColumns, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { Database } from './database';
import { companies } from './schema/index';

type CompanyRow = typeof companies.$inferSelect;
type TemplateFields = Partial<Omit<CompanyRow, 'id' | 'kind' | 'parentId' | 'path' | 'status' | 'createdAt' | 'updatedAt' | 'deactivatedAt'>>;

/** The number each generated company gets, zero-padded to five digits, wherever a field says `{n}`. */
export const NUMBER_PLACEHOLDER = '{n}';

/**
 * Generated companies in one set-based statement (for demo and benchmark data, never people's
 * input): `count` rows numbered `first`, `first + 1`, ..., spread in consecutive blocks over
 * `parents` (the first parents get one more when the count does not divide), each from the same
 * field `template` with `{n}` replaced by its number. Ids come from the table's sequence in number
 * order, paths are the parent's path and the id, as `create` writes them; the table's statistics
 * are refreshed afterwards so searches plan on their indexes at once. Returns the ids in number order.
 */
export async function createGeneratedCompanies(
  db: Database,
  input: { parents: Pick<CompanyRow, 'id' | 'path'>[]; kind: CompanyRow['kind']; count: number; first: number; template: { name: string } & TemplateFields; now: Date },
): Promise<number[]> {
  const { parents, count } = input;
  if (count <= 0 || parents.length === 0) return [];
  const columns = getTableColumns(companies) as Record<string, { name: string; keyAsName: boolean }>;
  const entries = Object.entries(input.template).filter(([k, v]) => columns[k] && v !== undefined);
  const names = entries.map(([k]) => sql.identifier(columns[k]!.keyAsName ? toSnakeCase(k) : columns[k]!.name));
  const values = entries.map(([, v]) => (typeof v === 'string' ? sql`replace(${v}::text, ${NUMBER_PLACEHOLDER}, lpad((${input.first} + s.g)::text, 5, '0'))` : sql`${v}`));
  const per = Math.floor(count / parents.length);
  const extra = count % parents.length;
  const big = extra * (per + 1);
  const parentsJson = JSON.stringify(parents.map((p) => ({ id: p.id, path: p.path })));
  const now = input.now.toISOString();
  const result = await db.execute<{ id: number }>(sql`
    insert into companies (id, kind, parent_id, path, created_at, updated_at, ${sql.join(names, sql`, `)})
    select s.id, ${input.kind}, (p.value ->> 'id')::int, (p.value ->> 'path') || s.id || '/', ${now}::timestamptz, ${now}::timestamptz, ${sql.join(values, sql`, `)}
    from (
      select g, nextval(pg_get_serial_sequence('companies', 'id'))::int as id,
             case when g < ${big}::int then g / ${per + 1}::int else ${extra}::int + (g - ${big}::int) / greatest(${per}::int, 1) end as parent
      from generate_series(0, ${count - 1}::int) g
      order by g
    ) s
    join jsonb_array_elements(${parentsJson}::jsonb) with ordinality p(value, i) on p.i = s.parent + 1
    returning id`);
  await db.execute(sql`analyze companies`);
  const rows = Array.isArray(result) ? (result as { id: number }[]) : ((result as { rows?: { id: number }[] }).rows ?? []);
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}
