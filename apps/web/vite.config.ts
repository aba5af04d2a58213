import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = `http://localhost:${process.env.PORT ?? 3000}`;

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': api, '/healthz': api } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What the entry imports statically, directly or not ('$initial'), is one chunk: the
          // first load needs all of it before drawing anything, so one request instead of a dozen
          // small chunks that each pay their own request and headers. Lazy pages and the language
          // catalogues stay chunks of their own.
          groups: [{ name: 'shell', tags: ['$initial'] }],
        },
      },
    },
  },
});
