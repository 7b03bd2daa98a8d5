import {
  MAX_BATCH,
  MAX_ID_LENGTH,
  MAX_RECORD_BYTES,
  type PushRow,
  type SyncDocument,
} from '../../shared/sync/protocol.js';
import { HttpError } from './errors.js';
import type { RecordCheck } from './record-schemas.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(field: string, message: string): never {
  throw new HttpError(400, 'invalid_request', `The push is not valid: ${field}: ${message}`, {
    [field]: message,
  });
}

const kib = (bytes: number) => `${Math.ceil(bytes / 1024)} KiB`;

/**
 * Checks one record's shape: an object with a string primary key of 1 to MAX_ID_LENGTH
 * characters, `_deleted` true or false, JSON of at most MAX_RECORD_BYTES, and no NUL character
 * (PostgreSQL's jsonb cannot hold one).
 */
function checkRecord(value: unknown, field: string, primaryKey: string): SyncDocument {
  if (!isPlainObject(value)) refuse(field, 'send the record as a JSON object.');
  const id = value[primaryKey];
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH)
    refuse(
      `${field}.${primaryKey}`,
      `every record needs a text ${primaryKey} of 1 to ${MAX_ID_LENGTH} characters.`,
    );
  if (typeof value._deleted !== 'boolean')
    refuse(`${field}._deleted`, `say whether record ${id} is deleted: "_deleted": true or false.`);
  const json = JSON.stringify(value);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_RECORD_BYTES)
    refuse(
      field,
      `record ${id} is ${kib(bytes)}; a record may hold at most ${kib(MAX_RECORD_BYTES)}. Keep large files out of records.`,
    );
  if (json.includes('\\u0000'))
    refuse(field, `record ${id} contains a NUL character (\\u0000); remove it.`);
  return value as SyncDocument;
}

/**
 * The rows of a push, checked for shape: an array of at most MAX_BATCH rows, each with a
 * record to write and the state it assumes (null or the same record), each record at most once.
 */
export function pushRowsOr400(
  body: unknown,
  primaryKey: string,
  checkSchema: RecordCheck | null = null,
): PushRow[] {
  if (!Array.isArray(body))
    refuse('form', 'send a JSON array of {assumedMasterState, newDocumentState} rows.');
  if (body.length > MAX_BATCH)
    refuse('form', `a push carries at most ${MAX_BATCH} rows (${body.length} sent); split it.`);
  const seen = new Set<string>();
  return body.map((row: unknown, index) => {
    if (!isPlainObject(row))
      refuse(String(index), 'send each row as {assumedMasterState, newDocumentState}.');
    const unknown = Object.keys(row).filter(
      (key) => key !== 'assumedMasterState' && key !== 'newDocumentState',
    );
    if (unknown.length > 0)
      refuse(String(index), `unknown field ${unknown.join(', ')}: remove it.`);
    const next = checkRecord(row.newDocumentState, `${index}.newDocumentState`, primaryKey);
    const id = next[primaryKey] as string;
    if (seen.has(id))
      refuse(`${index}.newDocumentState.${primaryKey}`, `record ${id} appears twice in one push.`);
    seen.add(id);
    let assumed: SyncDocument | null = null;
    if (row.assumedMasterState !== null && row.assumedMasterState !== undefined) {
      assumed = checkRecord(row.assumedMasterState, `${index}.assumedMasterState`, primaryKey);
      if (assumed[primaryKey] !== id)
        refuse(
          `${index}.assumedMasterState.${primaryKey}`,
          `the assumed state is of record ${String(assumed[primaryKey])}, not ${id}.`,
        );
    }
    const problem = checkSchema?.(next, assumed);
    if (problem) refuse(`${index}.newDocumentState`, `record ${id} cannot be stored: ${problem}`);
    return { assumedMasterState: assumed, newDocumentState: next };
  });
}

function wholeNumber(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value))
    throw new HttpError(
      400,
      'invalid_request',
      `The query is not valid: ${name}: use a whole number of 0 or more, e.g. ${name}=0.`,
      { [name]: 'Use a whole number of 0 or more.' },
    );
  return Number(value);
}

/** `?seq=&limit=` of a pull: resume after `seq` (0: from the start), at most MAX_BATCH at once. */
export function pullQueryOr400(query: unknown): { since: number; limit: number } {
  const { seq, limit } = (isPlainObject(query) ? query : {}) as Record<string, unknown>;
  const since = wholeNumber(seq, 'seq', 0);
  const size = wholeNumber(limit, 'limit', MAX_BATCH);
  return { since, limit: Math.min(Math.max(size, 1), MAX_BATCH) };
}
