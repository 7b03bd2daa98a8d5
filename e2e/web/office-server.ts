import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFrom } from '../../server/config';
import { SERVER_EXTENSIONS } from '../../server/extensions';
import { startServer, type RunningServer, type StartOptions } from '../../server/start';

const webDir = fileURLToPath(new URL('../../dist-web', import.meta.url));

/**
 * The office server on a real port (chosen by the system), serving the production web build,
 * on PGlite in a temporary folder that `close` removes. `env` adds settings (SMTP_URL …).
 */
export async function startOfficeServer(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<{ server: RunningServer; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nolapse-e2e-server-'));
  const server = await startServer(
    configFrom({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIR: webDir,
      LOG_LEVEL: 'warn',
      ...env,
    }),
    SERVER_EXTENSIONS,
    options,
  );
  return {
    server,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
