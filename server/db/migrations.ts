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
    name: 'renewal counts for the ops queue',
    // The queue's counts per urgency cover every open renewal of an office, so they are read from
    // counts per due date kept by triggers on docs: a few hundred rows per office instead of every
    // renewal's JSON. Any write to docs keeps them (the job store, sync, an admin's SQL). Rows that
    // fall to zero are removed so past days do not pile up.
    sql: `
      create table renewal_counts (
        office_id text not null,
        status text collate "C" not null,
        due_date text collate "C" not null,
        service_type text collate "C" not null,
        assignee_id text collate "C" not null,
        n integer not null,
        primary key (office_id, status, due_date, service_type, assignee_id)
      );
      -- The same counts without service type and assignee: what the unfiltered queue reads.
      create table renewal_day_counts (
        office_id text not null,
        status text collate "C" not null,
        due_date text collate "C" not null,
        n integer not null,
        primary key (office_id, status, due_date)
      );
      create function renewal_counts_add(office text, renewal jsonb, delta integer) returns void
      language plpgsql as $$
      declare
        k_status text := coalesce(renewal ->> 'status', '');
        k_due text := coalesce(renewal ->> 'dueDate', '');
        k_type text := coalesce(renewal ->> 'serviceType', '');
        k_assignee text := coalesce(renewal ->> 'assigneeId', '');
        left_over integer;
      begin
        insert into renewal_counts as c values (office, k_status, k_due, k_type, k_assignee, delta)
          on conflict (office_id, status, due_date, service_type, assignee_id)
          do update set n = c.n + excluded.n
          returning n into left_over;
        if left_over = 0 then
          delete from renewal_counts
            where office_id = office and status = k_status and due_date = k_due
              and service_type = k_type and assignee_id = k_assignee;
        end if;
        insert into renewal_day_counts as c values (office, k_status, k_due, delta)
          on conflict (office_id, status, due_date) do update set n = c.n + excluded.n
          returning n into left_over;
        if left_over = 0 then
          delete from renewal_day_counts
            where office_id = office and status = k_status and due_date = k_due;
        end if;
      end
      $$;
      create function renewal_counts_changed() returns trigger
      language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then
          -- Most updates (a stage, a note) leave every counted field as it was.
          if not old.deleted and not new.deleted
            and old.data ->> 'status' is not distinct from new.data ->> 'status'
            and old.data ->> 'dueDate' is not distinct from new.data ->> 'dueDate'
            and old.data ->> 'serviceType' is not distinct from new.data ->> 'serviceType'
            and old.data ->> 'assigneeId' is not distinct from new.data ->> 'assigneeId' then
            return null;
          end if;
        end if;
        if tg_op in ('UPDATE', 'DELETE') then
          if not old.deleted then
            perform renewal_counts_add(old.office_id, old.data, -1);
          end if;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          if not new.deleted then
            perform renewal_counts_add(new.office_id, new.data, 1);
          end if;
        end if;
        return null;
      end
      $$;
      create trigger renewal_counts_insert after insert on docs
        for each row when (new.collection = 'renewals') execute function renewal_counts_changed();
      create trigger renewal_counts_update after update on docs
        for each row when (old.collection = 'renewals') execute function renewal_counts_changed();
      create trigger renewal_counts_delete after delete on docs
        for each row when (old.collection = 'renewals') execute function renewal_counts_changed();
      insert into renewal_counts
        select office_id, coalesce(data ->> 'status', ''), coalesce(data ->> 'dueDate', ''),
          coalesce(data ->> 'serviceType', ''), coalesce(data ->> 'assigneeId', ''), count(*)
        from docs where collection = 'renewals' and not deleted
        group by 1, 2, 3, 4, 5;
      insert into renewal_day_counts
        select office_id, status, due_date, sum(n) from renewal_counts group by 1, 2, 3;
    `,
  },
  {
    version: 3,
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
    version: 4,
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
  {
    version: 5,
    name: 'signing links',
    sql: `
      -- A worker's single-use link to sign one document (server/signing/links.ts). Only the
      -- SHA-256 of the token is kept, as for device tokens: a database leak opens nothing.
      create table signing_links (
        hash text primary key,
        office_id text not null references offices (id),
        instance_id text not null,
        worker_id text not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz,
        check (expires_at > created_at)
      );
      create index signing_links_instance on signing_links (office_id, instance_id);
    `,
  },
  {
    version: 6,
    name: 'deliveries, webhook outbox, server secrets',
    sql: `
      -- The per-person delivery ledger: one row per notice, person and channel, its id
      -- '<channel>:<person>:<notice id>', so a reminder reaches a person once on a channel,
      -- whichever device or server instance planned it. Desktop rows are claims by devices;
      -- email and webhook rows wait for a digest (digest_due) or were sent at once (sent_at).
      create table deliveries (
        office_id text not null references offices (id),
        id text not null,
        channel text not null check (channel in ('desktop', 'email', 'webhook')),
        recipient text not null,
        notice jsonb not null,
        created_at timestamptz not null,
        digest_due timestamptz,
        sent_at timestamptz,
        primary key (office_id, id)
      );
      create index deliveries_digest_due on deliveries (digest_due)
        where sent_at is null and digest_due is not null;
      -- The outbox carries webhook posts (Slack- or Teams-style JSON) as well as email.
      alter table outbox add column kind text not null default 'email'
        check (kind in ('email', 'webhook'));
      -- Secrets the server keeps across restarts, e.g. the key of unsubscribe links.
      create table server_secrets (
        name text primary key,
        value text not null
      );
      -- People who followed an email's unsubscribe link and are not staff (workers): staff
      -- turn their email channel off in the office settings instead, where admins see it.
      create table email_opt_outs (
        office_id text not null references offices (id),
        person text not null,
        at timestamptz not null,
        primary key (office_id, person)
      );
    `,
  },
];

/** A fixed advisory lock id: two servers starting on one database migrate one after the other. */
const MIGRATION_LOCK = 7_262_001;

/**
 * Brings the schema up to date; returns the versions it applied. `steps` is every step unless a
 * test brings a database up to an older version first.
 */
export async function migrate(db: Database, steps = MIGRATIONS): Promise<number[]> {
  await db.query(
    'create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
  );
  const applied: number[] = [];
  for (const step of steps) {
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

/** A dollar-quoted body ($$ … $$ or $tag$ … $tag$), such as a function's. */
const DOLLAR_QUOTED = /\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g;

/**
 * One statement per query: the extended protocol (used with parameters) takes one at a time.
 * Statements end with a semicolon at the end of a line; one inside a dollar-quoted function
 * body ends nothing.
 */
export function splitStatements(sql: string): string[] {
  const statements = [''];
  const outside = (text: string) => {
    const [first, ...rest] = text.split(/;\s*$/m);
    statements[statements.length - 1] += first ?? '';
    statements.push(...rest);
  };
  let from = 0;
  for (const body of sql.matchAll(DOLLAR_QUOTED)) {
    outside(sql.slice(from, body.index));
    statements[statements.length - 1] += body[0];
    from = body.index + body[0].length;
  }
  outside(sql.slice(from));
  return statements.map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter((s) => s.length > 0);
}
