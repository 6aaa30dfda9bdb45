// A branch server in its own process, for tests that kill it: `node --import tsx fault-server.ts <dataDir> <port>`.
// Prints "ready" once it listens on 127.0.0.1.
import { createApp } from '@rinda/server';

const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) throw new Error('usage: fault-server.ts <dataDir> <port>');
const app = createApp({ dataDir, logLevel: process.env.RINDA_LOG_LEVEL ?? 'error' });
app.httpServer.listen(Number(port), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
