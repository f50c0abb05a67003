import { useMantineTheme } from '@mantine/core';

export interface TrendPoint {
  /** Epoch milliseconds. */
  at: number;
  /** One value, or two (systolic over diastolic) drawn as two lines. */
  values: number[];
  /** From this session (drawn strong) or an earlier one (drawn faint). */
  current: boolean;
  flagged: boolean;
}

export interface TrendChartProps {
  readonly points: TrendPoint[];
  /** What a screen reader hears, e.g. "Heart rate over 2 sessions: 58 to 72 /min". */
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
}

const PAD = 6;

/** A small trend line over time: no axes, the range named in the label; flagged readings in red. */
export function TrendChart({ points, label, width = 280, height = 72 }: TrendChartProps) {
  const theme = useMantineTheme();
  if (points.length === 0) return null;
  const times = points.map((p) => p.at);
  const values = points.flatMap((p) => p.values);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [v0, v1] = [Math.min(...values), Math.max(...values)];
  const x = (at: number) => (t1 === t0 ? width / 2 : PAD + ((at - t0) / (t1 - t0)) * (width - 2 * PAD));
  const y = (value: number) => (v1 === v0 ? height / 2 : height - PAD - ((value - v0) / (v1 - v0)) * (height - 2 * PAD));
  const lines = points[0]!.values.map((_, series) => points.map((p) => `${x(p.at).toFixed(1)},${y(p.values[series]!).toFixed(1)}`).join(' '));
  const color = theme.colors.blue[7];

  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} style={{ display: 'block', maxWidth: '100%' }}>
      <title>{label}</title>
      {lines.map((line, series) => (
        <polyline key={series} points={line} fill="none" stroke={theme.colors.gray[5]} strokeWidth={1.5} />
      ))}
      {points.flatMap((p) =>
        p.values.map((value, series) => (
          <circle
            key={`${p.at}-${series}`}
            cx={x(p.at)}
            cy={y(value)}
            r={p.current ? 3.5 : 2.5}
            fill={p.flagged ? theme.colors.red[7] : p.current ? color : theme.colors.gray[5]}
          />
        )),
      )}
    </svg>
  );
}
