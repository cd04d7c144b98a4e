import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev:web` serves the UI with hot reload and forwards the API to `pnpm start` on :3000.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // elkjs's bundled layout engine (1.5 MB, loaded only when the designer lays a journey out) is the one chunk
    // this large; the first visit's own budget is in tests/bench/web-bundle.bench.ts (`pnpm bench bundle`).
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The libraries every page runs on, in a chunk of their own: its name (hash) stays the same from one
            // deploy to the next until a dependency changes, so a returning browser keeps it cached.
            { name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|@trpc|i18next|react-i18next)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/trpc': 'http://127.0.0.1:3000', '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
});
