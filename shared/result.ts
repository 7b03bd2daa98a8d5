/**
 * The one answer shape of every check and operation: a value, or problems by field in words a
 * person can act on. `form` holds a problem that belongs to no single field ("This renewal
 * changed on another device …"). Input is never lost: callers keep what was typed on failure.
 */
export type FieldErrors<K extends string = string> = Partial<Record<K | 'form', string>>;

export type Result<V, K extends string = string> =
  { ok: true; value: V } | { ok: false; errors: FieldErrors<K> };

export function ok<V>(value: V): { ok: true; value: V } {
  return { ok: true, value };
}

/** A refusal with problems by field. */
export function invalid<K extends string>(
  errors: FieldErrors<K>,
): { ok: false; errors: FieldErrors<K> } {
  return { ok: false, errors };
}

/** A refusal that belongs to no single field. */
export function refused(message: string): { ok: false; errors: { form: string } } {
  return { ok: false, errors: { form: message } };
}

/** The first message of a refusal, for toasts and logs. */
export function firstError(errors: FieldErrors): string {
  return errors.form ?? Object.values(errors).find((m) => m !== undefined) ?? 'Something is wrong.';
}

type Issue = { path: readonly PropertyKey[]; message: string };

/** Field errors from schema issues: the first message per field path ('fields.1.key'). */
export function fieldErrorsOf<K extends string = string>(issues: readonly Issue[]): FieldErrors<K> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path.map(String).join('.') || 'form'] ??= issue.message;
  return errors as FieldErrors<K>;
}

/** Parses `input` with a zod-like schema into a Result whose errors are keyed by field path. */
export function parseWith<V, K extends string = string>(
  schema: {
    safeParse(
      input: unknown,
    ): { success: true; data: V } | { success: false; error: { issues: readonly Issue[] } };
  },
  input: unknown,
): Result<V, K> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(parsed.data) : invalid(fieldErrorsOf<K>(parsed.error.issues));
}
