// Mirrors bench/data/generate.ts (TODAY, DAY1 = +1, DAY2 = +2) for the Node side.
export const TODAY = '2026-11-23';
export const DAY1 = '2026-11-24';
export const DAY2 = '2026-11-25';
