import type {
  PullResponse,
  PushResponse,
  PushRow,
  SyncDocument,
} from '../../shared/sync/protocol.js';
import type { Database } from '../db/database.js';
import { officeWrite } from '../store/sql-store.js';

/** jsonb comes back parsed from `pg` and from PGlite alike; a string means text was selected. */
function parse(data: unknown): Record<string, unknown> {
  return (typeof data === 'string' ? JSON.parse(data) : data) as Record<string, unknown>;
}

/** A stored row as it travels: the record, and whether it was deleted. */
function travelling(data: unknown, deleted: boolean): SyncDocument {
  return { ...parse(data), _deleted: deleted };
}

/** A record as it is stored: `_deleted` lives in its own column, not in the record. */
function stored(document: SyncDocument): { deleted: boolean; data: string } {
  const { _deleted, ...record } = document;
  return { deleted: _deleted, data: JSON.stringify(record) };
}

/**
 * The writes to one collection of one office after sequence number `since`, oldest first, at
 * most `limit` of them, deleted records included. Writes of one office commit in sequence
 * order (they hold the office's write lock), so a pull never skips one that committed late.
 */
export async function pullChanges(
  db: Database,
  officeId: string,
  collection: string,
  since: number,
  limit: number,
): Promise<PullResponse> {
  const { rows } = await db.query<{ seq: string | number; deleted: boolean; data: unknown }>(
    `select seq, deleted, data from docs
     where office_id = $1 and collection = $2 and seq > $3
     order by seq limit $4`,
    [officeId, collection, since, limit],
  );
  const last = rows[rows.length - 1];
  return {
    documents: rows.map((r) => travelling(r.data, r.deleted)),
    checkpoint: { seq: last ? Number(last.seq) : since },
  };
}

/**
 * Writes the rows whose assumed master state equals what the server holds (jsonb equality,
 * `_deleted` included; `null` assumes the record does not exist, not even deleted) and returns
 * the server's state of every other row, writing nothing for it. A row that assumes a record
 * the server does not hold has nothing to conflict with and is written, as RxDB's own
 * reference handler does (a device that synced with a server since reset). Accepted rows get
 * new sequence numbers in one transaction under the office's write lock, announced to every
 * server instance when it commits.
 */
export async function pushChanges(
  db: Database,
  officeId: string,
  collection: string,
  primaryKey: string,
  rows: readonly PushRow[],
): Promise<PushResponse> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.newDocumentState[primaryKey] as string);
  return officeWrite(db, officeId, collection, async (tx) => {
    const { rows: masters } = await tx.query<{
      present: boolean;
      same: boolean;
      deleted: boolean | null;
      data: unknown;
    }>(
      `select d.id is not null as present,
              coalesce(d.data || jsonb_build_object('_deleted', d.deleted) = x.assumed, false) as same,
              d.deleted, d.data
       from unnest($3::text[], $4::jsonb[]) with ordinality as x(id, assumed, ord)
       left join docs d on d.office_id = $1 and d.collection = $2 and d.id = x.id
       order by x.ord`,
      [
        officeId,
        collection,
        ids,
        rows.map((row) =>
          row.assumedMasterState === null ? null : JSON.stringify(row.assumedMasterState),
        ),
      ],
    );
    const conflicts: SyncDocument[] = [];
    const accepted: { id: string; deleted: boolean; data: string }[] = [];
    rows.forEach((row, index) => {
      const master = masters[index]!;
      const writes = master.present ? row.assumedMasterState !== null && master.same : true;
      if (writes) accepted.push({ id: ids[index]!, ...stored(row.newDocumentState) });
      else conflicts.push(travelling(master.data, master.deleted === true));
    });
    if (accepted.length > 0)
      await tx.query(
        `insert into docs (office_id, collection, id, deleted, data)
         select $1, $2, x.id, x.deleted, x.data
         from unnest($3::text[], $4::boolean[], $5::jsonb[]) with ordinality as x(id, deleted, data, ord)
         order by x.ord
         on conflict (office_id, collection, id) do update
           set data = excluded.data, deleted = excluded.deleted, seq = nextval('doc_seq')`,
        [
          officeId,
          collection,
          accepted.map((a) => a.id),
          accepted.map((a) => a.deleted),
          accepted.map((a) => a.data),
        ],
      );
    return conflicts;
  });
}

/** The latest sequence number of a collection of an office (0 before its first write). */
export async function latestSeq(db: Database, officeId: string, collection: string) {
  const { rows } = await db.query<{ seq: string | number | null }>(
    'select max(seq) as seq from docs where office_id = $1 and collection = $2',
    [officeId, collection],
  );
  return Number(rows[0]?.seq ?? 0);
}
