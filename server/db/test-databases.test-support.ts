import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from './database.js';
import { migrate } from './migrations.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

/** The PostgreSQL every test may use: the local server, trust auth. */
export const POSTGRES_ADMIN_URL =
  process.env.NOLAPSE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** An in-memory PGlite with the server's schema. */
export async function pgliteForTest(): Promise<Database> {
  const db = await openPglite(null);
  await migrate(db);
  return db;
}

/**
 * A fresh database on the local PostgreSQL, migrated, and dropped by `drop()`. Each test file
 * gets its own, so runs never see each other's offices.
 */
export async function postgresForTest(): Promise<{
  db: Database;
  url: string;
  drop(): Promise<void>;
}> {
  const name = `nolapse_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const db = await openPostgres(url);
  await migrate(db);
  return {
    db,
    url,
    async drop() {
      await db.close();
      const again = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

/** Each database the server runs on, fresh for a test file: `describe.each(TEST_DATABASES)`. */
export const TEST_DATABASES = [
  [
    'PGlite',
    async (): Promise<{ db: Database; drop(): Promise<void> }> => {
      const db = await pgliteForTest();
      return { db, drop: () => db.close() };
    },
  ],
  ['PostgreSQL', postgresForTest],
] as const;
