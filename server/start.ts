import type { FastifyInstance } from 'fastify';
import type { Instant } from '../shared/time/index.js';
import type { ServerConfig } from './config.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrations.js';
import { migrateRecords } from './db/record-migrations.js';
import { openPglite } from './db/pglite.js';
import { openPostgres } from './db/postgres.js';
import { adminRoutes } from './http/admin-routes.js';
import { buildApp, type RouteModule } from './http/app.js';
import { startOfficeJobs, timersOn, type OfficeJobs } from './jobs/office-jobs.js';
import { startReminderSender, type ReminderSender } from './reminders/sender.js';
import { setReminderSettings } from './reminders/settings.js';
import { reminderRoutes } from './http/reminder-routes.js';
import { signingLinkForReminder } from './signing/links.js';

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
  /** Sends due digests, email and webhook posts. */
  reminders: ReminderSender;
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
  /** The server's clock (StartOptions.now), for routes that act at the instant of a request. */
  now?: () => Instant;
}) => RouteModule;

export type StartOptions = {
  /**
   * The server's clock for its jobs and reminders (daily runs, when digests are due, when mail
   * is retried): the system's, unless an end-to-end test moves time for the server as it does
   * for the browser.
   */
  now?: () => Date;
};

export async function startServer(
  config: ServerConfig,
  extensions: readonly Extension[] = [],
  options: StartOptions = {},
): Promise<RunningServer> {
  const db = await openDatabase(config);
  // Jobs start before the routes so the ops API can run them; their clocks tick on their own.
  let jobs: OfficeJobs | null = null;
  let reminders: ReminderSender | null = null;
  let url = `http://127.0.0.1:${config.port}`;
  setReminderSettings(db, {
    // Read when a link is made: the address is known once the server listens.
    get publicUrl() {
      return config.publicUrl ?? url;
    },
    signingLink: (input) =>
      signingLinkForReminder(db, { ...input, publicUrl: config.publicUrl ?? url }),
    queued: () => reminders?.kick(),
  });
  try {
    const app = await buildApp({ db, logger: { level: config.logLevel } }, [
      adminRoutes,
      reminderRoutes,
      ...extensions.map(
        (extend) => (server: FastifyInstance, database: Database) =>
          extend({
            db: database,
            // Read when a request comes: the jobs start once every route is registered.
            get jobs() {
              return jobs!;
            },
            config,
            ...(options.now ? { now: () => options.now!().toISOString() } : {}),
          })(server, database),
      ),
    ]);
    reminders = startReminderSender(db, app.log, {
      mail: config.mail ?? null,
      ...(options.now ? { now: options.now } : {}),
    });
    jobs = startOfficeJobs(db, app.log, options.now ? { timers: timersOn(options.now) } : {});
    await jobs.ready;
    const address = await app.listen({ port: config.port, host: config.host });
    url = address.replace('0.0.0.0', '127.0.0.1');
    if (!config.publicUrl)
      app.log.warn(
        `PUBLIC_URL is not set: links in emails point at ${url}. Set PUBLIC_URL to the address people use to reach this server.`,
      );
    const sender = reminders;
    return {
      app,
      db,
      jobs,
      reminders: sender,
      url,
      async close() {
        await app.close();
        await jobs?.stop();
        await sender.stop();
        await db.close();
      },
    };
  } catch (error) {
    await jobs?.stop();
    await reminders?.stop();
    await db.close();
    throw error;
  }
}
