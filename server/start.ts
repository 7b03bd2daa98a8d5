import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrations.js';
import { migrateRecords } from './db/record-migrations.js';
import { openPglite } from './db/pglite.js';
import { openPostgres } from './db/postgres.js';
import { adminRoutes } from './http/admin-routes.js';
import { buildApp, type RouteModule } from './http/app.js';
import { startOfficeJobs, type OfficeJobs } from './jobs/office-jobs.js';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>) {
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPglite(config.dataDir);
  try {
    await migrate(db);
    await migrateRecords(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

export type RunningServer = {
  app: FastifyInstance;
  db: Database;
  jobs: OfficeJobs;
  url: string;
  /** Stops taking requests, finishes those in flight and the jobs under way, closes the database. */
  close(): Promise<void>;
};

/**
 * The route groups every server has; the ops API, sync and the web app add theirs. `jobs` is
 * there once the server has started: read it in a request, not while registering routes.
 */
export type Extension = (context: {
  db: Database;
  jobs: OfficeJobs;
  config: ServerConfig;
}) => RouteModule;

export async function startServer(
  config: ServerConfig,
  extensions: readonly Extension[] = [],
): Promise<RunningServer> {
  const db = await openDatabase(config);
  // Jobs start before the routes so the ops API can run them; their clocks tick on their own.
  let jobs: OfficeJobs | null = null;
  try {
    const app = await buildApp({ db, logger: { level: config.logLevel } }, [
      adminRoutes,
      ...extensions.map(
        (extend) => (server: FastifyInstance, database: Database) =>
          extend({
            db: database,
            // Read when a request comes: the jobs start once every route is registered.
            get jobs() {
              return jobs!;
            },
            config,
          })(server, database),
      ),
    ]);
    jobs = startOfficeJobs(db, app.log);
    await jobs.ready;
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace('0.0.0.0', '127.0.0.1');
    return {
      app,
      db,
      jobs,
      url,
      async close() {
        await app.close();
        await jobs?.stop();
        await db.close();
      },
    };
  } catch (error) {
    await jobs?.stop();
    await db.close();
    throw error;
  }
}
