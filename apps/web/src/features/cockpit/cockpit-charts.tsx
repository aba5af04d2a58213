import { Box, Group, Text, VisuallyHidden } from '@mantine/core';

/**
 * The cockpit's two drawings, as plain SVG and boxes: a chart library was a third of the signed-in
 * home page's first load (bench/large-channel-web.bench.ts) for a ring and some bars. Both are
 * decorative (hidden from assistive technology, nothing focusable); the figures beside them, or the
 * `chart-summary` text, say what they show.
 */

/** A Mantine colour ("green.7") as its CSS variable. */
const cssColor = (color: string) => `var(--mantine-color-${color.replace('.', '-')})`;

/** A ring split in proportion to each value, in order from twelve o'clock; grey when every value is 0. */
export function Donut({ size, thickness, data }: { size: number; thickness: number; data: { value: number; color: string }[] }) {
  const r = (size - thickness) / 2;
  const circumference = 2 * Math.PI * r;
  const total = data.reduce((sum, d) => sum + Math.max(0, d.value), 0);
  let offset = 0;
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden focusable="false" data-testid="donut">
      <circle cx={size / 2} cy={size / 2} r={r} fill="none" stroke="var(--mantine-color-default-border)" strokeWidth={thickness} />
      {total > 0 &&
        data.map((d, i) => {
          const length = (Math.max(0, d.value) / total) * circumference;
          const arc = (
            <circle
              key={i}
              cx={size / 2}
              cy={size / 2}
              r={r}
              fill="none"
              stroke={cssColor(d.color)}
              strokeWidth={thickness}
              strokeDasharray={`${length} ${circumference - length}`}
              strokeDashoffset={-offset}
              transform={`rotate(-90 ${size / 2} ${size / 2})`}
            />
          );
          offset += length;
          return length > 0 ? arc : null;
        })}
    </svg>
  );
}

/**
 * Bars of `h` pixels at most (one SVG), one per entry with its label beneath, hidden from assistive technology
 * with its figures read out as text instead (`chart-summary`), so a screen reader hears what the bars show.
 */
export function SummarisedBarChart({ h, data, color, summary }: { h: number; data: { label: string; count: number }[]; color: string; summary: string }) {
  const max = Math.max(1, ...data.map((d) => d.count));
  return (
    <>
      <Box inert aria-hidden>
        <svg width="100%" height={h} viewBox={`0 0 ${data.length * 10} 100`} preserveAspectRatio="none" focusable="false">
          {data.map((d, i) => {
            const height = d.count > 0 ? Math.max(1, (d.count / max) * 100) : 0;
            return <rect key={i} x={i * 10 + 1} y={100 - height} width={8} height={height} fill={cssColor(color)} />;
          })}
        </svg>
        <Group gap={4} wrap="nowrap" mt={4}>
          {data.map((d, i) => (
            <Text key={i} size="xs" c="dimmed" ta="center" truncate style={{ flex: 1, minWidth: 0 }}>
              {d.label}
            </Text>
          ))}
        </Group>
      </Box>
      <VisuallyHidden data-testid="chart-summary">{summary}</VisuallyHidden>
    </>
  );
}
