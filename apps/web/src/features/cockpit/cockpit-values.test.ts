import { describe, expect, it } from 'vitest';
import { COCKPIT_CELL_VALUES } from '@csphub/domain';
import { en } from '../../i18n/messages/en';
import { es } from '../../i18n/messages/es';
import { cellValueKey } from './cockpit-text';

// Every coded value a cockpit list can show (the lists the cockpit's SQL is built from) has its
// words in both languages; a value outside them is shown as stored rather than as a missing key.
const entries = Object.entries(COCKPIT_CELL_VALUES).flatMap(([list, columns]) =>
  Object.entries(columns as Record<string, readonly string[]>).flatMap(([column, values]) => values.map((value) => ({ list, column, value }))),
);

describe('cockpit list values in words', () => {
  it('covers every list column with coded values', () => {
    expect(entries.length).toBeGreaterThan(20);
  });

  for (const [language, catalogue] of [['en', en], ['es', es]] as const) {
    it(`every value has a message in ${language}`, () => {
      const texts = catalogue as Record<string, string | undefined>;
      const missing = entries.filter(({ list, column, value }) => !texts[cellValueKey(list, column, value) ?? '']?.trim()).map((e) => `${e.list}.${e.column}.${e.value}`);
      expect(missing).toEqual([]);
    });
  }

  it('the Spanish words are not the English ones', () => {
    const same = entries.map(({ list, column, value }) => cellValueKey(list, column, value)!).filter((k) => (en as Record<string, string>)[k] === (es as Record<string, string>)[k]);
    expect(same).toEqual([]);
  });

  it('no catalogue holds a value the lists cannot give', () => {
    const known = new Set(entries.map(({ list, column, value }) => cellValueKey(list, column, value)));
    for (const catalogue of [en, es]) expect(Object.keys(catalogue).filter((k) => k.startsWith('cockpit.value.') && !known.has(k as never))).toEqual([]);
  });

  it('a free-text value has no key and is shown as stored', () => {
    expect(cellValueKey('customers', 'reason', 'Partner Center said no')).toBeUndefined();
    expect(cellValueKey('customers', 'name', 'ready')).toBeUndefined();
  });
});
