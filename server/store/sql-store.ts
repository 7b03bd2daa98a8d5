import {
  type AnyRecord,
  type CollectionName,
  type Conflict,
  type JournalEntry,
  type Query,
  type Records,
  type StorePort,
} from '../../shared/jobs/store.js';
import { CHANGES_CHANNEL, type Database, type Queryable } from '../db/database.js';
import { orderBy, whereOf } from './sql-query.js';

type DocRow = { id: string; data: unknown };

/** jsonb comes back parsed from `pg` and from PGlite alike; a string means text was selected. */
function parse<T>(data: unknown): T {
  return (typeof data === 'string' ? JSON.parse(data) : data) as T;
}

/**
 * Serialises every write of one office so sequence numbers commit in order (a client pulling
 * by checkpoint never skips a write that committed late), and announces it to every server
 * instance listening on the database. Every writer of `docs` goes through it (the job store and
 * the sync protocol's push alike).
 */
export async function officeWrite<T>(
  db: Database,
  officeId: string,
  collection: string,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [officeId]);
    const result = await work(tx);
    await tx.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, `${officeId} ${collection}`]);
    return result;
  });
}

/**
 * The store port on SQL (PostgreSQL or PGlite): one `docs` table of JSON records, scoped to one
 * office. An update applies only where the stored record still equals the one the job read
 * (jsonb equality), the same rule the RxDB and in-memory adapters follow.
 */
export function sqlStore(db: Database, officeId: string): StorePort {
  async function rowsOf<C extends CollectionName>(
    collection: C,
    ids: readonly string[],
  ): Promise<Records[C][]> {
    if (ids.length === 0) return [];
    const { rows } = await db.query<DocRow>(
      'select id, data from docs where office_id = $1 and collection = $2 and id = any($3::text[]) and not deleted',
      [officeId, collection, [...new Set(ids)]],
    );
    return rows.map((r) => parse<Records[C]>(r.data));
  }

  return {
    async get(collection, id) {
      return (await rowsOf(collection, [id]))[0] ?? null;
    },

    getMany: rowsOf,

    async find<C extends CollectionName>(collection: C, query: Query<Records[C]>) {
      const params: unknown[] = [officeId, collection];
      const where = whereOf(query.selector as Record<string, unknown> | undefined, params);
      const limit =
        query.limit === undefined ? '' : ` limit ${Math.max(0, Math.floor(query.limit))}`;
      const { rows } = await db.query<DocRow>(
        `select data from docs where office_id = $1 and collection = $2 and not deleted${where ? ` and ${where}` : ''} order by ${orderBy(query.sort as readonly Record<string, 'asc' | 'desc'>[] | undefined)}${limit}`,
        params,
      );
      return rows.map((r) => parse<Records[C]>(r.data));
    },

    async insert<C extends CollectionName>(collection: C, records: readonly Records[C][]) {
      if (records.length === 0) return { existing: [] };
      const inserted = await officeWrite(db, officeId, collection, async (tx) => {
        // A record deleted through sync may come back with the same id: it is revived.
        const { rows } = await tx.query<{ id: string }>(
          `insert into docs (office_id, collection, id, data)
           select $1, $2, x.id, x.data from unnest($3::text[], $4::jsonb[]) as x(id, data)
           on conflict (office_id, collection, id) do update
             set data = excluded.data, deleted = false, seq = nextval('doc_seq')
             where docs.deleted
           returning id`,
          [officeId, collection, records.map((r) => r.id), records.map((r) => JSON.stringify(r))],
        );
        return new Set(rows.map((r) => r.id));
      });
      const existingIds = records.filter((r) => !inserted.has(r.id)).map((r) => r.id);
      return { existing: await rowsOf(collection, existingIds) };
    },

    async update<C extends CollectionName>(
      collection: C,
      changes: readonly { before: Records[C]; after: Records[C] }[],
    ) {
      const conflicts: Conflict<Records[C]>[] = [];
      if (changes.length === 0) return { conflicts };
      const written = await officeWrite(db, officeId, collection, async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `update docs set data = x.after, seq = nextval('doc_seq')
           from unnest($3::text[], $4::jsonb[], $5::jsonb[]) as x(id, before, after)
           where docs.office_id = $1 and docs.collection = $2 and docs.id = x.id
             and not docs.deleted and docs.data = x.before
           returning docs.id`,
          [
            officeId,
            collection,
            changes.map((c) => c.before.id),
            changes.map((c) => JSON.stringify(c.before)),
            changes.map((c) => JSON.stringify(c.after)),
          ],
        );
        return new Set(rows.map((r) => r.id));
      });
      const missed = changes.filter((c) => !written.has(c.before.id)).map((c) => c.before.id);
      const current = new Map((await rowsOf(collection, missed)).map((r) => [r.id, r]));
      for (const id of missed) conflicts.push({ id, current: current.get(id) ?? null });
      return { conflicts };
    },

    journal: {
      async begin(entry: JournalEntry) {
        await db.query(
          'insert into journal (office_id, id, entry) values ($1, $2, $3::jsonb) on conflict do nothing',
          [officeId, entry.id, JSON.stringify(entry)],
        );
      },
      async end(id: string) {
        await db.query('delete from journal where office_id = $1 and id = $2', [officeId, id]);
      },
      async pending() {
        const { rows } = await db.query<{ entry: unknown }>(
          'select entry from journal where office_id = $1',
          [officeId],
        );
        return rows.map((r) => parse<JournalEntry>(r.entry)).sort((a, b) => (a.at < b.at ? -1 : 1));
      },
    },
  };
}

export type { AnyRecord };
