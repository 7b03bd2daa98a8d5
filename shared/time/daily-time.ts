/** A local time of day written 'HH:MM' on a 24-hour clock, such as the daily refresh time. */
export type DailyTime = { hour: number; minute: number };

const DAILY_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const DAILY_TIME_HINT = "a 24-hour local time written 'HH:MM', such as '07:30'";

export function isDailyTime(text: string): boolean {
  return DAILY_TIME.test(text);
}

/** Parses 'HH:MM'; throws a RangeError that says what is wrong and what is expected. */
export function parseDailyTime(text: string): DailyTime {
  const match = DAILY_TIME.exec(text);
  if (!match)
    throw new RangeError(`Daily refresh time "${text}" is not valid: use ${DAILY_TIME_HINT}.`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}
