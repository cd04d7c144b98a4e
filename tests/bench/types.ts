/** One measured figure: the samples kept (warm-up discarded) and their summary. */
export type BenchResult = {
  id: string;
  label: string;
  unit: 'ms' | 'MB' | 'count';
  samples: number[];
  p50: number;
  p95: number;
  max: number;
  /** Information only: a benchmark never fails the process on it. */
  target?: { value: number; met: boolean; on: 'p50' | 'p95' | 'max' };
  note?: string;
};

/** What a `*.bench.ts` module exports besides `run()`: where its table goes and how it measures. */
export type BenchMeta = {
  /** The section in docs/benchmarks.md, between `<!-- bench:<section>:start -->` and `:end -->`. */
  section: string;
  title: string;
  method: string;
};

export type BenchModule = { meta: BenchMeta; run(): Promise<BenchResult[]> };

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarise(id: string, label: string, unit: BenchResult['unit'], samples: number[], extra: Partial<BenchResult> = {}): BenchResult {
  const round = (x: number) => Math.round(x * 10) / 10;
  const kept = samples.map(round);
  return { id, label, unit, samples: kept, p50: percentile(kept, 50), p95: percentile(kept, 95), max: Math.max(...kept), ...extra };
}
