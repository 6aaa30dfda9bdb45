import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the dev server forwards the socket and the API to a running branch server.
const server = process.env.RINDA_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/display/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/socket.io': { target: server, ws: true },
      '/api': { target: server },
    },
  },
});
