import { addDays, diffDays, type LocalDate } from '../time/index.js';

/** 1970-01-05 was a Monday. */
const A_MONDAY = '1970-01-05';

/** The Monday that starts the ISO week holding `date`. */
export function weekOf(date: LocalDate): LocalDate {
  const dayOfWeek = ((diffDays(A_MONDAY, date) % 7) + 7) % 7;
  return addDays(date, -dayOfWeek);
}
