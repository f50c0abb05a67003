import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * One measured figure beside the floor it is judged against, both measured in the same run.
 * `higherIsBetter` says how to read the ratio: for throughput the figure should approach the
 * floor (ratio ≤ 1); for a duration the floor is the lower bound (ratio ≥ 1).
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  floor: number;
  floorName: string;
  higherIsBetter: boolean;
  /** Optional target for the ratio, as stated in the issue. */
  target?: string;
  /** The database figure and floor ran on, for the benchmarks run on each. */
  database?: string;
}

export const ratioOf = (figure: Figure) => figure.value / figure.floor;

const format = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3));

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.database ?? '',
    f.name,
    `${format(f.value)} ${f.unit}`,
    `${format(f.floor)} ${f.unit} (${f.floorName})`,
    `${ratioOf(f).toFixed(2)}×`,
    f.target ?? '',
  ]);
  const header = ['database', 'figure', 'value', 'floor', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

export function writeResults(figures: Figure[]): string {
  const dir = fileURLToPath(new URL('../results', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/latest.json`;
  const body = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    figures: figures.map((f) => ({ ...f, ratio: Number(ratioOf(f).toFixed(3)) })),
  };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}
