import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, newRequestId } from '@rinda/shared';
import { createApp } from '@rinda/server';

const app = createApp({ dataDir: mkdtempSync(join(tmpdir(), 'rinda-scratch-')), logger: pino({ level: 'warn' }) });
await new Promise<void>((r) => app.httpServer.listen(Number(process.env.PORT ?? 8089), '127.0.0.1', r));
await app.ctx.auth.createUser({ username: 'anna', password: 'anna-pass', name: 'Anna Bērziņa', role: 'teller' });
await app.ctx.auth.createUser({ username: 'bob', password: 'bob-pass', name: 'Bob Kalniņš', role: 'teller' });
const kiosk = app.ctx.auth.enrolDevice('kiosk', 'k');
const s = io(`http://127.0.0.1:${process.env.PORT ?? 8089}`, { auth: { protocolVersion: PROTOCOL_VERSION, token: kiosk.token } });
s.on('snapshot', async () => {
  for (const [serviceId, n] of [['cash', 4], ['accounts', 2]] as const)
    for (let i = 0; i < n; i++) await s.timeout(3000).emitWithAck('ticket:issue' as never, { requestId: newRequestId(), serviceId, language: 'lv', priorityReasonId: i === 1 ? 'senior' : null } as never);
  console.log('ready');
});
