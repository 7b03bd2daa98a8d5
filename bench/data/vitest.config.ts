// The generator's own tests (not in the app's suite): npx vitest run --config bench/data/vitest.config.ts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __NOLAPSE_PLATFORM__: JSON.stringify('web') },
  test: { include: ['bench/data/*.test.ts'], environment: 'node', root: '.' },
});
