import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the server under /admin/ (it falls back to index.html for /admin/*).
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // scripts/size.mjs reads the manifest to sum the initial JS (entry + its static imports).
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  preview: {
    port: 4173,
  },
});
