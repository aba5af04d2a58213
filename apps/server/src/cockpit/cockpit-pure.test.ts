import { describe, expect, it } from 'vitest';
import { COCKPIT_CELL_VALUES } from '@csphub/domain';
import { COCKPIT_LISTS, toCsv, weekSeries } from '@csphub/db';
import { splitRelationshipKey } from './bulk-actions';

describe('cockpit helpers', () => {
  it('writes CSV with quoting and without spreadsheet formulas', () => {
    const csv = toCsv(['name', 'n', 'note'], [
      { name: 'Contoso, Ltd', n: 3, note: '=HYPERLINK("x")' },
      { name: 'Plain', n: null, note: 'say "hi"' },
    ]);
    expect(csv).toBe('name,n,note\r\n"Contoso, Ltd",3,"\'=HYPERLINK(""x"")"\r\nPlain,,"say ""hi"""\r\n');
  });

  it('gives every week of the window from Monday, zero where nothing was created', () => {
    const weeks = weekSeries(new Date('2026-12-09T10:00:00Z'), 3, [{ week: '2026-11-30', count: 4 }]);
    expect(weeks).toEqual([
      { week: '2026-11-23', count: 0 },
      { week: '2026-11-30', count: 4 },
      { week: '2026-12-07', count: 0 },
    ]);
  });

  it('splits a relationship key at the first slash only', () => {
    expect(splitRelationshipKey('c/r-1/x')).toEqual(['c', 'r-1/x']);
    expect(splitRelationshipKey('nothing')).toEqual([undefined, undefined]);
  });

  it('names coded values only for columns the lists have', () => {
    const lists = COCKPIT_LISTS as Record<string, { columns: readonly string[] }>;
    const unknown = Object.entries(COCKPIT_CELL_VALUES).flatMap(([list, columns]) => Object.keys(columns).filter((c) => !lists[list]?.columns.includes(c)).map((c) => `${list}.${c}`));
    expect(unknown).toEqual([]);
  });
});
