import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';

// Every messages file of the app, found by name: each language's catalogue lists its files by hand
// (one chunk per language), so a file left out of the list would show its keys as raw keys.
const files = import.meta.glob<Record<string, Record<string, string>>>('../../**/*.messages.{en,es}.ts', { eager: true });

describe('the language catalogues', () => {
  it('find the messages files', () => {
    expect(Object.keys(files).length).toBeGreaterThan(20);
  });
  for (const [file, module] of Object.entries(files)) {
    const catalogue: Record<string, string> = file.endsWith('.en.ts') ? en : es;
    it(`hold every text of ${file.replace(/^(\.\.\/)+/, '')}`, () => {
      const texts = Object.assign({}, ...Object.values(module)) as Record<string, string>;
      expect(Object.keys(texts).length).toBeGreaterThan(0);
      expect(Object.entries(texts).filter(([key, text]) => catalogue[key] !== text).map(([key]) => key)).toEqual([]);
    });
  }
  it('have the same keys in both languages', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });
});
