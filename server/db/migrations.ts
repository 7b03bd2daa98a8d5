import type { Database } from './database.js';

/**
 * The server's schema, one numbered step at a time; applied in order at start-up, each in its
 * own transaction, and recorded so a step never runs twice. Append steps; never edit one that
 * has shipped.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'offices, tokens, documents, journal',
    sql: `
      create table offices (
        id text primary key,
        name text not null,
        time_zone text not null,
        created_at timestamptz not null default now()
      );
      create table tokens (
        id text primary key,
        office_id text not null references offices (id),
        hash text not null unique,
        role text not null check (role in ('admin', 'staff')),
        staff_id text,
        label text not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz
      );
      create index tokens_office on tokens (office_id);
      -- Every record of every office, one row per (office, collection, id). seq is assigned by
      -- the server on each write: the sync checkpoint, never a client clock.
      create sequence doc_seq;
      create table docs (
        office_id text not null references offices (id),
        collection text not null,
        id text not null,
        seq bigint not null default nextval('doc_seq'),
        deleted boolean not null default false,
        data jsonb not null,
        primary key (office_id, collection, id)
      );
      create index docs_pull on docs (office_id, collection, seq);
      create index docs_fields on docs using gin (data jsonb_path_ops);
      -- The ranges the jobs and the ops API read.
      create index docs_renewals_next_stage on docs (office_id, (data ->> 'nextStageOn') collate "C", id)
        where collection = 'renewals' and not deleted;
      create index docs_renewals_status_due on docs (office_id, (data ->> 'status') collate "C", (data ->> 'dueDate') collate "C", id)
        where collection = 'renewals' and not deleted;
      create index docs_autorenewals_trigger on docs (office_id, (data ->> 'nextTriggerAt') collate "C", id)
        where collection = 'autorenewals' and not deleted;
      create index docs_events_at on docs (office_id, (data ->> 'at') collate "C", id)
        where collection = 'events' and not deleted;
      create table journal (
        office_id text not null references offices (id),
        id text not null,
        entry jsonb not null,
        primary key (office_id, id)
      );
    `,
  },
  {
    version: 2,
    name: 'outbox',
    sql: `
      -- Every email is written here first and sent from here: its id is deterministic (who,
      -- which reminder, which channel), so a reminder is queued once however often it is
      -- planned, and a row is marked sent once. A failing SMTP server only delays it.
      create table outbox (
        office_id text not null references offices (id),
        id text not null,
        recipient text not null,
        subject text not null,
        text_body text not null,
        html_body text not null,
        created_at timestamptz not null default now(),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        last_error text,
        sent_at timestamptz,
        primary key (office_id, id)
      );
      create index outbox_due on outbox (next_attempt_at) where sent_at is null;
    `,
  },
  {
    version: 3,
    name: 'collection schema versions',
    sql: `
      -- The schema version the records of each collection are stored in. When a new server
      -- raises one, its records are migrated at start-up by the same steps the devices run
      -- (shared/schema/migrations.ts); see server/db/record-migrations.ts.
      create table collection_versions (
        collection text primary key,
        version integer not null
      );
    `,
  },
];

/** A fixed advisory lock id: two servers starting on one database migrate one after the other. */
const MIGRATION_LOCK = 7_262_001;

/** Brings the schema up to date; returns the versions it applied. */
export async function migrate(db: Database): Promise<number[]> {
  await db.query(
    'create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
  );
  const applied: number[] = [];
  for (const step of MIGRATIONS) {
    await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('select 1 from schema_migrations where version = $1', [
        step.version,
      ]);
      if (done.rows.length > 0) return;
      for (const statement of splitStatements(step.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        step.version,
        step.name,
      ]);
      applied.push(step.version);
    });
  }
  return applied;
}

/** One statement per query: the extended protocol (used with parameters) takes one at a time. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
