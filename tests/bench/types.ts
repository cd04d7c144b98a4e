/** One measured figure: the samples kept (warm-up discarded) and their summary. */
export type BenchResult = {
  id: string;
  label: string;
  unit: 'ms' | 'µs' | 'MB' | 'KB' | 'bytes' | 'count' | '/s' | 'ratio' | '%';
  /** The samples, when there are few enough to keep (a single figure has one). */
  samples: number[];
  /** How many samples the summary is over, when not all are kept. */
  n?: number;
  p50: number;
  p95: number;
  p99?: number;
  max: number;
  /**
   * Information only: a benchmark never fails the process on it — unless it is a budget (`budget: true`,
   * the web bundle's), which `pnpm bench` exits non-zero above, after writing the figures.
   */
  target?: { value: number; met: boolean; on: 'p50' | 'p95' | 'max'; budget?: boolean };
  note?: string;
  /** Kept in the JSON only: CPU shares, profiles, per-table counts … */
  details?: unknown;
};

/** What a `*.bench.ts` module exports besides `run()`: where its table goes and how it measures. */
export type BenchMeta = {
  /** The section in docs/benchmarks.md, between `<!-- bench:<section>:start -->` and `:end -->`. */
  section: string;
  title: string;
  method: string;
  /** 'figures' tables show one value per row (p50 for distributions) with p95/p99; default: the canvas layout. */
  layout?: 'distribution' | 'figures';
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

const round1 = (x: number) => Math.round(x * 10) / 10;

/** One measured figure (a rate, a count, a ratio). */
export function figure(id: string, label: string, unit: BenchResult['unit'], value: number, extra: Partial<BenchResult> = {}): BenchResult {
  const v = Math.abs(value) >= 10 ? round1(value) : Math.round(value * 1000) / 1000;
  return { id, label, unit, samples: [v], n: 1, p50: v, p95: v, max: v, ...extra };
}

/** A distribution summarised by p50/p95/p99/max; the samples are kept only when there are at most 200. */
export function distribution(id: string, label: string, unit: BenchResult['unit'], values: number[], extra: Partial<BenchResult> = {}): BenchResult {
  return {
    id,
    label,
    unit,
    samples: values.length <= 200 ? values.map(round1) : [],
    n: values.length,
    p50: round1(percentile(values, 50)),
    p95: round1(percentile(values, 95)),
    p99: round1(percentile(values, 99)),
    max: round1(values.length ? values.reduce((a, b) => Math.max(a, b), -Infinity) : Number.NaN),
    ...extra,
  };
}
