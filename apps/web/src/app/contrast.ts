import { darken, luminance, type MantineTheme } from '@mantine/core';

/**
 * Colours of text readable at WCAG AA (4.5:1 for body text). Mantine's palettes put coloured text
 * on white at their filled shade (green 7 on white is 2.7:1) and the light variant's text at shade
 * 9 on shade 1 (orange: 3.6:1); several shade 9s are below 4.5:1 even on white. For each theme
 * colour, the light scheme gets the first of its filled shade, shade 9 and shade 9 darkened in
 * steps that reaches 4.5:1 on the background it is drawn on.
 */
export const AA_TEXT = 4.5;

/** WCAG 2 contrast ratio of two colours (hex or rgb/rgba strings Mantine reads). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The first candidate from `start` (a palette colour) that is readable on `background`. */
export function readableOn(background: string, candidates: readonly string[]): string {
  const base = candidates[candidates.length - 1]!;
  for (const c of candidates) if (contrastRatio(c, background) >= AA_TEXT) return c;
  for (let step = 0.1; step <= 0.9; step += 0.1) {
    const darker = darken(base, step);
    if (contrastRatio(darker, background) >= AA_TEXT) return darker;
  }
  return '#000000';
}

/**
 * CSS variables for the light scheme: `--mantine-color-<name>-text` (coloured text, `c="green"`,
 * anchors) readable on white, and `--mantine-color-<name>-light-color` (light buttons, badges,
 * the active navigation entry) readable on its light background (shade 1).
 */
export function readableColorVariables(theme: MantineTheme): Record<string, string> {
  const variables: Record<string, string> = {};
  const shade = typeof theme.primaryShade === 'number' ? theme.primaryShade : theme.primaryShade.light;
  for (const [name, palette] of Object.entries(theme.colors)) {
    if (!palette || palette.length < 10) continue;
    variables[`--mantine-color-${name}-text`] = readableOn('#ffffff', [palette[shade]!, palette[9]!]);
    variables[`--mantine-color-${name}-light-color`] = readableOn(palette[1]!, [palette[9]!]);
  }
  return variables;
}
