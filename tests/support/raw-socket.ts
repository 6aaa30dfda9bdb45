/**
 * A raw engine.io/socket.io connection over WebSocket, to send frames no socket.io client would produce
 * and to stop reading (`ws.pause()`) as a stuck client does. It answers engine.io pings while it reads.
 */
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '@rinda/shared';

export interface RawSocket {
  ws: WebSocket;
  /** Every text frame received, in order (`42[...]` events, `43N[...]` acks). */
  frames: string[];
  /** The socket.io socket id the server gave this connection. */
  id: string;
  closed: Promise<void>;
}

/** Connects with `token` and resolves once the snapshot arrived. */
export async function rawSocket(url: string, token: string): Promise<RawSocket> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const frames: string[] = [];
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  ws.on('error', () => undefined);
  ws.on('message', (data) => {
    const text = data.toString();
    frames.push(text);
    if (text === '2') ws.send('3'); // engine.io ping → pong
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => resolve());
  });
  ws.send(`40${JSON.stringify({ protocolVersion: PROTOCOL_VERSION, token })}`);
  await waitFor(() => frames.some((f) => f.startsWith('42["snapshot"')));
  const connected = frames.find((f) => f.startsWith('40{'));
  const id = connected ? String((JSON.parse(connected.slice(2)) as { sid: string }).sid) : '';
  return { ws, frames, id, closed };
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
