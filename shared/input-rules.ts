import { z } from 'zod';
import { shortenTo } from './limits.js';
import { isLocalDate, yearRangeProblem } from './time/index.js';

/**
 * Pieces the input rules share, so every form, the ops API and the server say the same thing
 * about the same mistake. Lengths come from shared/limits.ts.
 */

/** Text trimmed and at most `max` characters: "Shorten the notes to 10,000 characters or fewer." */
export function boundedText(what: string, max: number) {
  return z.string().trim().max(max, shortenTo(what, max));
}

/**
 * A date people type: 'YYYY-MM-DD', a day that exists, in 1900-2199 (isLocalDate). `missing`
 * says what to enter when it is empty, `invalid` (default: `missing`) when it is no date; a
 * date outside the years gets its own words ("The year must be between 1900 and 2199. Did you
 * mean 2026-03-15?").
 */
export function dateText(missing: string, invalid = missing) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .superRefine((value, ctx) => {
      if (value === '' || isLocalDate(value)) return;
      ctx.addIssue({ code: 'custom', message: yearRangeProblem(value) ?? invalid });
    });
}
