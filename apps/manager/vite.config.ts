import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the branch server at /manager/. In `vite dev` the API and socket go to a running branch server.
const server = process.env.RINDA_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/manager/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': server, '/socket.io': { target: server, ws: true } } },
});
