import { parseArgs } from 'node:util';
import { configFrom, ConfigError } from './config.js';
import { createOffice } from './auth/offices.js';
import { openDatabase, startServer } from './start.js';
import { SERVER_EXTENSIONS } from './extensions.js';
import { DataFolderInUseError } from './db/pglite.js';

const USAGE = `NoLapse office server

  npm run server                              start the server (PORT, DATA_DIR, DATABASE_URL)
  npm run server -- create-office "<name>" [--time-zone <IANA zone>]
                                              create an office; prints {"officeId","adminToken"}
`;

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'time-zone': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void process.stdout.write(USAGE);
  const config = configFrom(process.env);
  const [command, ...rest] = positionals;

  if (command === 'create-office') {
    const name = rest.join(' ').trim();
    if (!name)
      throw new ConfigError('Name the office: npm run server -- create-office "Ikamet Istanbul"');
    const db = await openDatabase(config);
    try {
      const created = await createOffice(db, {
        name,
        timeZone: values['time-zone'] ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
      });
      process.stdout.write(`${JSON.stringify(created)}\n`);
    } finally {
      await db.close();
    }
    return;
  }
  if (command !== undefined && command !== 'serve')
    throw new ConfigError(`Unknown command "${command}".\n\n${USAGE}`);

  const server = await startServer(config, SERVER_EXTENSIONS);
  server.app.log.info(
    {
      url: server.url,
      database: server.db.kind,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
    },
    'NoLapse server ready',
  );
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    server.app.log.info({ signal }, 'shutting down: finishing requests and jobs');
    void server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof DataFolderInUseError ||
    error instanceof RangeError;
  process.stderr.write(`${known ? '' : 'NoLapse server failed: '}${(error as Error).message}\n`);
  process.exit(known ? 2 : 1);
});
