import { describeProblems, type RecordProblem } from '../../../shared/schema/record-validator';

/** What to do when the disk (or the browser's storage quota) is full, in a person's words. */
export const STORAGE_FULL_MESSAGE =
  'The disk is full, or the browser’s storage for NoLapse is used up. Free some space (empty the trash, remove large files you no longer need), then save again.';

/** A write that failed for lack of space; raised by the database's storage for any write. */
export class StorageFullError extends Error {
  constructor(cause: unknown) {
    super(STORAGE_FULL_MESSAGE, { cause });
    this.name = 'StorageFullError';
  }
}

/**
 * True when `error` says the storage is full: a DOMException or Dexie error named
 * QuotaExceededError (Dexie keeps the browser's as `inner`), RxDB's errors that carry it, or a
 * message about the quota.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  if (error instanceof StorageFullError) return true;
  const e = error as {
    name?: unknown;
    message?: unknown;
    inner?: unknown;
    cause?: unknown;
    parameters?: { error?: unknown; writeError?: unknown };
  };
  if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  if (typeof e.message === 'string' && /quota|disk is full|no space left/i.test(e.message))
    return true;
  return [e.inner, e.cause, e.parameters?.error, e.parameters?.writeError].some((inner) =>
    isQuotaError(inner, depth + 1),
  );
}

/** A refused write's problems (status 422 from the storage's schema check), if it is one. */
function refusal(
  cause: unknown,
): { id: string; record: unknown; problems: RecordProblem[] } | null {
  const c = cause as {
    status?: unknown;
    documentId?: unknown;
    validationErrors?: { field?: string; message?: string }[];
    writeRow?: { document?: unknown };
    parameters?: { id?: unknown; writeError?: unknown };
    code?: unknown;
  } | null;
  if (!c || typeof c !== 'object') return null;
  if (c.code === 'VD2' && c.parameters?.writeError) return refusal(c.parameters.writeError);
  if (c.status !== 422 || !Array.isArray(c.validationErrors)) return null;
  return {
    id: String(c.documentId ?? ''),
    record: c.writeRow?.document,
    problems: c.validationErrors.map((v) => ({
      path: String(v.field ?? ''),
      message: String(v.message ?? 'does not fit'),
    })),
  };
}

/** How people know the record: its name or number, else its id. */
function nameOf(record: unknown, id: string): string {
  const r = (record ?? {}) as Record<string, unknown>;
  const name = [r.name, r.fullName, r.number, r.title].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  const shown = name && name.length > 60 ? `${name.slice(0, 57)}…` : name;
  return shown ? `“${shown}” (${id})` : id;
}

/** A write the database refused (disk full, quota, a record it rejects); the form keeps its data. */
export class WriteError extends Error {
  /** Why: no space left, a record that does not fit its schema, or anything else. */
  readonly reason: 'storage-full' | 'invalid' | 'other';
  /** The refused record's problems by field, when it was refused for them. */
  readonly problems: readonly RecordProblem[];

  constructor(what: string, cause: unknown) {
    const refused = refusal(cause);
    const full = !refused && isQuotaError(cause);
    super(
      full
        ? `Could not save ${what}: ${STORAGE_FULL_MESSAGE} Nothing you entered was lost.`
        : refused
          ? `Could not save ${what} ${nameOf(refused.record, refused.id)}: ${describeProblems(refused.problems)}. Nothing you entered was lost; correct it and save again.`
          : `Could not save ${what}: ${describe(cause)}. Nothing you entered was lost; try again.`,
      { cause },
    );
    this.name = 'WriteError';
    this.reason = full ? 'storage-full' : refused ? 'invalid' : 'other';
    this.problems = refused?.problems ?? [];
  }
}

function describe(cause: unknown): string {
  const text =
    cause instanceof Error
      ? cause.message
      : typeof cause === 'object' && cause !== null && 'status' in cause
        ? `the database answered ${String((cause as { status: unknown }).status)}`
        : String(cause);
  return text.split('\n')[0] ?? 'unknown error';
}
