import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev:web` serves the UI with hot reload and forwards the API to `pnpm start` on :3000.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    port: 5173,
    proxy: { '/trpc': 'http://127.0.0.1:3000', '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
});
