/**
 * The one SQL interface the server speaks: PostgreSQL through `pg`, or PGlite (a real Postgres
 * in WebAssembly) embedded in the process when no DATABASE_URL is given. Same SQL, same
 * migrations; only how a connection is made differs.
 */
export type Row = Record<string, unknown>;

export type Queryable = {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
};

export type Database = Queryable & {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Calls `handler` with each NOTIFY payload on `channel`; resolves to the unsubscribe. */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Runs `task` holding the named lock across every process on this database (a PostgreSQL
   * advisory lock; PGlite has one process, so an in-process lock is the same thing).
   */
  lock<T>(name: string, task: () => Promise<T>): Promise<T>;
  /** Whether the database answers a trivial query now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

/** The channel every write announces itself on, as '<officeId> <collection>'. */
export const CHANGES_CHANNEL = 'nolapse_changes';
