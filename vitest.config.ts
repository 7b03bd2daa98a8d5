import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const rxdbTestUtilsShim = (name: string) =>
  fileURLToPath(
    new URL(`./renderer/src/sync/rxdb-test-utils/${name}.test-support.ts`, import.meta.url),
  );

export default defineConfig({
  define: { __NOLAPSE_PLATFORM__: JSON.stringify('web') },
  resolve: {
    // RxDB's test-utils plugin imports two packages RxDB does not depend on; only its own
    // files (inlined below) see these stand-ins.
    alias: [
      { find: /^async-test-util$/, replacement: rxdbTestUtilsShim('async-test-util') },
      { find: /^clone$/, replacement: rxdbTestUtilsShim('clone') },
    ],
  },
  test: {
    include: [
      'shared/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'main/**/*.test.ts',
      'preload/**/*.test.ts',
      'server/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'threads',
    maxWorkers: 2,
    server: { deps: { inline: [/rxdb\/dist\/esm\/plugins\/test-utils\//] } },
  },
});
