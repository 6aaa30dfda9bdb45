/**
 * The floor: a bare socket.io server with the same transport as Rinda whose handler does one durable
 * SQLite write (WAL, synchronous=FULL), acks the sender and broadcasts the call to the displays, and
 * nothing else. It answers the same event names as Rinda so the very same clients drive both.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { Server } from 'socket.io';

export interface FloorServer {
  port: number;
  close(): Promise<void>;
}

const ok = (data: unknown) => ({ ok: true, data });

export async function startFloorServer(dbPath: string): Promise<FloorServer> {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS floor_writes (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, request_id TEXT NOT NULL, at INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO floor_writes (kind, request_id, at) VALUES (?, ?, ?)');
  const write = (kind: string, requestId: unknown) => {
    // One IMMEDIATE transaction per request, as Rinda writes: a commit is one fsync of the WAL.
    const run = db.transaction(() => insert.run(kind, String(requestId), Date.now()).lastInsertRowid);
    return `f${run.immediate()}`;
  };

  const httpServer: HttpServer = createServer();
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  io.on('connection', (socket) => {
    const role = String((socket.handshake.auth as { role?: unknown }).role ?? 'none');
    void socket.join(role);
    socket.emit('snapshot', {});
    socket.on('ticket:issue', (payload: { requestId?: unknown }, ack: (r: unknown) => void) => {
      const id = write('issue', payload?.requestId);
      ack(ok({ ticket: { id } }));
    });
    socket.on('ticket:callNext', (payload: { requestId?: unknown }, ack: (r: unknown) => void) => {
      const id = write('call', payload?.requestId);
      ack(ok({ ticket: { id } }));
      io.to('display').emit('ticket:called', { call: { ticketId: id } });
    });
    // Untimed set-up and clean-up steps of the benchmarks: answered, nothing stored.
    for (const name of ['counter:signIn', 'counter:signOut', 'ticket:finish']) socket.on(name, (_payload: unknown, ack: (r: unknown) => void) => ack(ok({})));
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return {
    port: (httpServer.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        io.close(() => {
          db.close();
          resolve();
        });
        httpServer.closeAllConnections();
      }),
  };
}
