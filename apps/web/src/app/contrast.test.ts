import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { contrastRatio, readableColorVariables } from './contrast';

describe('readable colour variables (light scheme)', () => {
  const theme = mergeMantineTheme(DEFAULT_THEME, { primaryShade: { light: 7, dark: 8 } });
  const vars = readableColorVariables(theme);

  it('Mantine’s own palette fails AA for some text, which is why they are replaced', () => {
    expect(contrastRatio(theme.colors.green[7]!, '#ffffff')).toBeLessThan(4.5);
    expect(contrastRatio(theme.colors.orange[9]!, theme.colors.orange[1]!)).toBeLessThan(4.5);
  });

  it('gives every colour text of at least 4.5:1 on white and on its light background', () => {
    for (const [name, palette] of Object.entries(theme.colors)) {
      expect(contrastRatio(vars[`--mantine-color-${name}-text`]!, '#ffffff'), name).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(vars[`--mantine-color-${name}-light-color`]!, palette[1]!), name).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps a palette shade where it is already readable', () => {
    expect(vars['--mantine-color-indigo-text']).toBe(theme.colors.indigo[7]);
    expect(vars['--mantine-color-dark-text']).toBe(theme.colors.dark[7]);
  });
});

describe('coloured text in the pages', () => {
  // A shade written out (`c="orange.9"`, `color: 'red.8'` for a figure's link) bypasses the readable
  // variables above; a named colour (`c="orange"`) goes through them.
  const theme = mergeMantineTheme(DEFAULT_THEME, {});
  const sources = import.meta.glob('../**/*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

  it('names text colours by palette, or uses a shade readable on white', () => {
    const unreadable: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/\bc="([a-z]+)\.(\d)"|\bcolor: '([a-z]+)\.(\d)', list:/g)) {
        const [name, shade] = m[1] ? [m[1], m[2]!] : [m[3]!, m[4]!];
        const hex = theme.colors[name]?.[Number(shade)];
        if (hex && contrastRatio(hex, '#ffffff') < 4.5) unreadable.push(`${file}: ${name}.${shade}`);
      }
    }
    expect(unreadable).toEqual([]);
  });
});
