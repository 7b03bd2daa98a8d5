import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __NOLAPSE_PLATFORM__: JSON.stringify('web') },
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
  },
});
