export interface Latency {
  p50: number;
  p95: number;
  runs: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Runs `fn` sequentially, after a warm-up, and reports latency percentiles in milliseconds. */
export async function measureLatency(fn: () => Promise<unknown>, options: { warmup?: number; runs?: number } = {}): Promise<Latency> {
  for (let i = 0; i < (options.warmup ?? 20); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < (options.runs ?? 200); i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), runs: times.length };
}
