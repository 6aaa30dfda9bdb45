import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// Three pages: the kiosk (index.html), the phone's ticket status page (status.html, served by the
// server at /t/<id>) and the public join page with its poster (join.html, at /join/ and /join/poster). In development, the dev server forwards the socket and the API to a running branch server.
const server = process.env.RINDA_SERVER ?? 'http://127.0.0.1:8080';

/** In development, /t/<id> opens the status page as the branch server does in production. */
const statusPageRoute: Plugin = {
  name: 'rinda-status-page-route',
  configureServer(dev) {
    dev.middlewares.use((req, _res, next) => {
      if (req.url?.startsWith('/t/')) req.url = '/kiosk/status.html';
      if (req.url === '/join' || req.url?.startsWith('/join/')) req.url = '/kiosk/join.html';
      next();
    });
  },
};

export default defineConfig({
  base: '/kiosk/',
  plugins: [react(), statusPageRoute],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        kiosk: fileURLToPath(new URL('./index.html', import.meta.url)),
        status: fileURLToPath(new URL('./status.html', import.meta.url)),
        // The public appointment booking page: /kiosk/book.html.
        book: fileURLToPath(new URL('./book.html', import.meta.url)),
        join: fileURLToPath(new URL('./join.html', import.meta.url)),
        // A counter's rating screen (a device paired as `rating`): /kiosk/rating.html#token=….
        rating: fileURLToPath(new URL('./rating.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/socket.io': { target: server, ws: true },
      '/api': { target: server },
    },
  },
});
