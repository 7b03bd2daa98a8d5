// Summaries of repeated measurements: every case reports its median and spread, never one run.

/** @param {number[]} values @returns {{median: number, min: number, max: number, runs: number[]}} */
export function summarize(values) {
  if (values.length === 0) throw new Error('summarize: no measurements');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (n) => Math.round(n * 100) / 100;
  return {
    median: round(median),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
    runs: values.map(round),
  };
}

/** The p-th percentile (0..100) of `values`, nearest rank. */
export function percentile(values, p) {
  if (values.length === 0) throw new Error('percentile: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Runs `measure` `times` times and summarizes the numbers it returns. */
export async function repeat(times, measure) {
  const values = [];
  for (let i = 0; i < times; i++) values.push(await measure(i));
  return summarize(values);
}
