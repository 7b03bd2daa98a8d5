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
  // Fail at start-up with the driver's reason rather than on the first request.
  await pool.query('select 1');
  let listener: pg.PoolClient | null = null;
  const handlers = new Map<string, Set<(payload: string) => void>>();
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
      if (!listener) {
        listener = await pool.connect();
        listener.on('notification', (message) => {
          handlers.get(message.channel)?.forEach((h) => h(message.payload ?? ''));
        });
      }
      if (!handlers.has(channel)) {
        handlers.set(channel, new Set());
        await listener.query(`listen ${pg.escapeIdentifier(channel)}`);
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
      listener?.release();
      listener = null;
      await pool.end();
    },
  };
}
