// The generator's random numbers and the dates it may use, shared by every part of the office
// (bench/README.md): due dates that change stage on DAY1 or DAY2 are left out, except the ~1%
// meant to cross on DAY2.
import { addDays } from '../../shared/time';

/** A small seeded PRNG: the same seed gives the same office on every machine. */
export function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rnd = () => number;
export const pick = <T>(rnd: Rnd, items: readonly T[]): T =>
  items[Math.floor(rnd() * items.length)]!;
/** A Fisher–Yates shuffle: the same draws give the same order in every engine (sort does not). */
export function shuffled<T>(rnd: Rnd, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
export const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Days before due on which a renewal changes stage (T90…T7, then OVERDUE the day after). */
const crossingOffsets = [90, 60, 30, 14, 7, -1];
export const crossingDates = (day: string) => crossingOffsets.map((d) => addDays(day, d));

export type Calendar = {
  today: string;
  day1: string;
  day2: string;
  /** The office's instant of seeding (today, 07:00 UTC). */
  seedAt: string;
  /** Due dates that change stage on DAY1 or DAY2: no renewal is due on one, except `crossing`. */
  excluded: ReadonlySet<string>;
  /** Due dates whose renewal crosses a threshold on DAY2. */
  crossing: readonly string[];
  /** Due dates today−60 … today+730 outside `excluded`. */
  pool: readonly string[];
};

export function calendarOf(today: string): Calendar {
  const day1 = addDays(today, 1);
  const day2 = addDays(today, 2);
  const excluded = new Set([...crossingDates(day1), ...crossingDates(day2)]);
  const pool: string[] = [];
  for (let d = -60; d <= 730; d++) {
    const date = addDays(today, d);
    if (!excluded.has(date)) pool.push(date);
  }
  return {
    today,
    day1,
    day2,
    seedAt: `${today}T07:00:00.000Z`,
    excluded,
    crossing: crossingDates(day2),
    pool,
  };
}

/** A UTC instant on `date` at `time` ('09:00'). */
export const at = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;
