import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inProcessLock } from '../../shared/jobs/ports.js';
import type { Database, Queryable, Row } from './database.js';

/** The data folder is held by another process: PGlite lets only one open it. */
export class DataFolderInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data folder ${dataDir} is in use by another NoLapse server (process ${pid}). Stop that server first, or point both at one PostgreSQL with DATABASE_URL.`,
    );
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder's lock file for this process. A lock left by a process that has died is
 * taken over; one held by a live process refuses with a message that says what to do.
 */
function lockFolder(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lock = join(dataDir, 'nolapse-server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(holder) && holder !== process.pid && processAlive(holder))
        throw new DataFolderInUseError(dataDir, holder);
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}; remove ${lock} if no server runs.`);
}

function queryable(target: {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}): Queryable {
  return {
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, [...params]);
      return { rows: result.rows };
    },
  };
}

/** Opens (creating if needed) the embedded database in `dataDir`; `null` keeps it in memory. */
export async function openPglite(dataDir: string | null): Promise<Database> {
  const release = dataDir ? lockFolder(dataDir) : () => undefined;
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ? join(dataDir, 'pgdata') : undefined);
  } catch (error) {
    release();
    throw error;
  }
  // PGlite serves one query at a time; transactions queue behind each other in order.
  const lock = inProcessLock();
  return {
    kind: 'pglite',
    lock,
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    async listen(channel, handler) {
      const unsubscribe = await db.listen(channel, handler);
      return async () => unsubscribe();
    },
    async ping() {
      try {
        await db.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}
