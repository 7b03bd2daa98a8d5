import type { z } from 'zod';
import { fieldErrorsOf, type FieldErrors } from '../../shared/result.js';

/**
 * An answer that is not a success, always JSON `{ error, message, fields? }`: `error` a stable
 * code for programs, `message` what is wrong and how to fix it for people, `fields` per field.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export const notFound = (what: string) =>
  new HttpError(404, 'not_found', `There is no ${what} with that id in this office.`);

/** Parses a request part with a zod schema; a failure names each field and says how to fix it. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: string,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = fieldErrorsOf(
    parsed.error.issues.map((issue) => ({
      path: issue.path,
      message:
        issue.code === 'unrecognized_keys'
          ? `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'}.`
          : issue.message,
    })),
  );
  const first = Object.entries(fields)[0];
  throw new HttpError(
    400,
    'invalid_request',
    first
      ? `The ${where} is not valid: ${first[0] === 'form' ? '' : `${first[0]}: `}${first[1]}`
      : `The ${where} is not valid.`,
    fields,
  );
}
