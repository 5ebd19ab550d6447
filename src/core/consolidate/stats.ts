/** Rounds to one decimal, as the appendix tables show percentages. */
export function round1(n: number): number {
  return Math.round(n * 10 + Number.EPSILON * Math.sign(n)) / 10;
}

export interface Stats {
  n: number;
  min: number | null;
  median: number | null;
  mean: number | null;
  max: number | null;
}

/** Statistics across schools (Kalar §5: median, mean) — for internal analysis only, never the municipal value (D4). */
export function describe(values: number[]): Stats {
  if (values.length === 0) return { n: 0, min: null, median: null, mean: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { n: sorted.length, min: round1(sorted[0] as number), median: round1(median), mean: round1(mean), max: round1(sorted[sorted.length - 1] as number) };
}
