import { describe, expect, it } from 'vitest';
import { parseCsv, readRecords, writeCsv } from './csv';
import { checkRow } from './import-row';

describe('csv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM; writes them back, formulas shown as text', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
    ]);
    const out = writeCsv(['a', 'b'], [{ a: 'x, y', b: '=1+1' }]);
    expect(out).toBe('a,b\r\n"x, y",\'=1+1\r\n');
    expect(readRecords(out).records).toEqual([{ a: 'x, y', b: '=1+1' }]);
  });

  it('names the first wrong field of an import row', () => {
    const row = { ref: 'r1', parentId: '100001', name: 'N', country: 'US', addressLine1: 'a', city: 'c', postalCode: 'p', email: 'a@b.co', phone: '1', domainPrefix: 'abc', culture: 'en-US', connectionId: '00000000-0000-4000-8000-000000000000', mcaFirstName: 'a', mcaLastName: 'b', mcaEmail: 'a@b.co', mcaAcceptedAt: '2026-01-01' };
    const today = new Date('2026-06-01');
    expect(checkRow(row, today).ok).toBe(true);
    expect(checkRow({ ...row, phone: '' }, today)).toMatchObject({ ok: false, field: 'phone' });
    expect(checkRow({ ...row, domainPrefix: 'a-b' }, today)).toMatchObject({ ok: false, field: 'domainPrefix' });
    expect(checkRow({ ...row, mcaAcceptedAt: '2027-01-01' }, today)).toMatchObject({ ok: false, field: 'mcaAcceptedAt', reason: 'is in the future' });
  });
});
