/** A write the database refused (disk full, quota, a record it rejects); the form keeps its data. */
export class WriteError extends Error {
  constructor(what: string, cause: unknown) {
    super(`Could not save ${what}: ${describe(cause)}. Nothing you entered was lost; try again.`);
  }
}

function describe(cause: unknown): string {
  const text =
    cause instanceof Error
      ? cause.message
      : typeof cause === 'object' && cause !== null && 'status' in cause
        ? `the database answered ${String((cause as { status: unknown }).status)}`
        : String(cause);
  if (/quota/i.test(text)) return 'the disk is full or the browser storage quota is used up';
  return text.split('\n')[0] ?? 'unknown error';
}
