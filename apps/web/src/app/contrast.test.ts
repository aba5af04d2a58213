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
