import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { devContentSecurityPolicy } from './vite.dev-csp';

/**
 * Web mode: the same renderer built for a browser, with the web platform adapter; and the
 * signing page a worker's link opens (sign.html), which the office server serves at /sign/:token.
 */
export default defineConfig({
  root: resolve('renderer'),
  define: { __NOLAPSE_PLATFORM__: JSON.stringify('web') },
  plugins: [react(), devContentSecurityPolicy()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
  build: {
    outDir: resolve('dist-web'),
    emptyOutDir: true,
    rollupOptions: {
      input: { app: resolve('renderer/index.html'), sign: resolve('renderer/sign.html') },
    },
  },
});
