import type { TypedSocket } from '../commands/command-pipeline';

/** The engine.io connection under a socket.io socket. */
export type EngineConnection = TypedSocket['conn'];

interface EnginePacket {
  data?: unknown;
}

/** A packet's size as counted against the limit: characters of its encoded text, or bytes of binary data. */
function packetSize(packet: EnginePacket): number {
  const data = packet.data;
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/**
 * Bounds what the server holds for one connection that does not read (a client stuck, on a slow link, or
 * flooding and never reading its answers). engine.io queues packets while its transport is busy, and the
 * transport holds a batch until the kernel took it; both are counted here from engine.io's own events
 * (`packetCreate` queues, `flush` hands the queue to the transport, the transport's `drain` says it is
 * written). When the count passes `limitBytes`, `onOverflow` is called once. O(1) per packet.
 */
export function watchOutgoing(conn: EngineConnection, limitBytes: number, onOverflow: () => void): void {
  let queued = 0;
  let writing = 0;
  let overflowed = false;
  conn.on('packetCreate', (packet: EnginePacket) => {
    queued += packetSize(packet);
    if (!overflowed && queued + writing > limitBytes) {
      overflowed = true;
      onOverflow();
    }
  });
  conn.on('flush', () => {
    writing += queued;
    queued = 0;
  });
  const written = () => {
    writing = 0;
  };
  conn.transport.on('drain', written);
  // A polling client that upgrades to WebSocket writes through the new transport from then on.
  conn.on('upgrade', (transport: EngineConnection['transport']) => transport.on('drain', written));
}

/**
 * Ends a connection now, with whatever it has not read: engine.io's own close would wait for the queue to
 * drain (never, for a client that does not read), and a WebSocket's closing handshake up to 30 s. The
 * client sees its transport close and, being a socket.io client, reconnects and gets a fresh snapshot.
 */
export function dropConnection(conn: EngineConnection): void {
  conn.close(true);
  // A connection opened as a WebSocket runs on the TCP connection of its first (upgrade) request; one that
  // began with polling and upgraded is left to the WebSocket's own close.
  if (conn.request.headers.upgrade?.toLowerCase() === 'websocket') conn.request.socket.destroy();
}
