import pg from 'pg';
import type { Database, Queryable, Row } from './database.js';

function queryable(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, [...params]);
      return { rows: result.rows };
    },
  };
}

/**
 * PostgreSQL at `url` through a pool. LISTEN holds one dedicated connection, so changes
 * written by any server instance on the same database reach every instance's clients.
 */
export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the database drops (a restart, an administrator) must not end the
  // process: the pool discards it and opens another on the next query.
  pool.on('error', () => undefined);
  // Fail at start-up with the driver's reason rather than on the first request.
  await pool.query('select 1');
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let listener: Promise<pg.PoolClient> | null = null;
  let closed = false;

  /**
   * The LISTEN connection. When the database drops it, a new one listens on every channel
   * again (retrying each second until the database is back or the server closes); a write
   * committed in between is announced with the next one, and devices pull from their
   * checkpoints, so nothing is lost, only seen a little later.
   */
  function listening(): Promise<pg.PoolClient> {
    listener ??= (async () => {
      const client = await pool.connect();
      client.on('notification', (message) => {
        handlers.get(message.channel)?.forEach((h) => h(message.payload ?? ''));
      });
      client.on('error', () => {
        // After close() the pool owns the connection again, and ends it.
        if (closed) return;
        client.release(true);
        listener = null;
        void (async function relisten() {
          while (!closed && listener === null && handlers.size > 0) {
            try {
              return void (await listening());
            } catch {
              listener = null;
              await new Promise((resolve) => setTimeout(resolve, 1000));
            }
          }
        })();
      });
      for (const channel of handlers.keys())
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      return client;
    })();
    return listener;
  }
  return {
    kind: 'postgres',
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(queryable(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async lock(name, task) {
      // A session lock held on its own connection for as long as the task runs: the task's own
      // queries use the pool, and another instance waits here until it is released.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(hashtext($1))', [name]);
        try {
          return await task();
        } finally {
          await client.query('select pg_advisory_unlock(hashtext($1))', [name]);
        }
      } finally {
        client.release();
      }
    },
    async listen(channel, handler) {
      if (!handlers.has(channel)) {
        handlers.set(channel, new Set());
        const client = await listening();
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      }
      handlers.get(channel)!.add(handler);
      return async () => {
        handlers.get(channel)?.delete(handler);
      };
    },
    async ping() {
      try {
        await pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      closed = true;
      const client = await listener?.catch(() => null);
      client?.release();
      listener = null;
      await pool.end();
    },
  };
}
