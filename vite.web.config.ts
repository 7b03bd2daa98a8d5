import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Web mode: the same renderer built for a browser, with the web platform adapter. */
export default defineConfig({
  root: resolve('renderer'),
  define: { __NOLAPSE_PLATFORM__: JSON.stringify('web') },
  plugins: [react()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
  build: { outDir: resolve('dist-web'), emptyOutDir: true },
});
