import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRequestId, PROTOCOL_VERSION, ServerTlsView } from '@rinda/shared';
import { ensureSelfSignedCertificate } from '@rinda/server';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';

// The whole branch over TLS, as a real branch runs by default: HTTPS, and socket.io over WSS, every client
// trusting only the branch's own certificate (pinned as its sole CA).
describe('a branch over TLS', () => {
  let branch: Branch;
  let kiosk: BranchSocket;
  let display: BranchSocket;
  let teller: BranchSocket;
  let managerToken: string;

  beforeAll(async () => {
    branch = await startBranch({ tls: true });
    kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    display = await branch.connect({ token: await branch.deviceToken('display') });
    teller = await branch.connect({ token: await branch.userToken('teller', 'anna') });
    managerToken = await branch.userToken('manager', 'maria');
  });
  afterAll(() => branch.stop());

  it('issues, calls and broadcasts over WSS, and the ticket’s status address is https', async () => {
    expect(branch.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const issuedToTeller = branch.nextEvent(teller, 'ticket:issued');
    const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'lv' });
    if (!issued.ok) throw new Error(issued.error.message);
    expect(issued.data.statusUrl).toBe(`${branch.url}/t/${issued.data.ticket.id}`);
    expect((await issuedToTeller).ticket.id).toBe(issued.data.ticket.id);

    expect(await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' })).toMatchObject({ ok: true });
    const onDisplay = branch.nextEvent(display, 'ticket:called');
    const called = await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c1' });
    expect(called).toMatchObject({ ok: true, data: { ticket: { id: issued.data.ticket.id, state: 'called' } } });
    expect((await onDisplay).call).toMatchObject({ ticketId: issued.data.ticket.id, displayNumber: issued.data.ticket.displayNumber, counterNumber: 1 });

    // The phone's status page over HTTPS, and its public socket over WSS.
    const status = await branch.http(`/api/tickets/${issued.data.ticket.id}/status`);
    expect(status.status).toBe(200);
    const phone = await branch.connect({ ticketId: issued.data.ticket.id });
    expect(branch.snapshotOf(phone).role).toBe('public');
  });

  it('every connection the server holds came over TLS', () => {
    const sockets = [...branch.app.io.of('/').sockets.values()];
    expect(sockets.length).toBeGreaterThanOrEqual(3);
    expect(sockets.every((s) => s.handshake.secure)).toBe(true);
  });

  it('presents the certificate whose fingerprint the manager reads, with HSTS on every answer', async () => {
    const fingerprint = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: branch.port, ca: [branch.certificate!.cert] }, () => {
        resolve(socket.getPeerCertificate().fingerprint256);
        socket.end();
      });
      socket.once('error', reject);
    });
    expect(fingerprint).toBe(branch.certificate!.fingerprint);

    const res = await branch.http('/api/admin/tls', { token: managerToken });
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(ServerTlsView.parse(await res.json())).toEqual({ tls: { fingerprint, selfSigned: true, validTo: branch.certificate!.validTo } });
  });

  it('refuses a client that trusts another certificate: there is no falling back to it, nor to plain text', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'rinda-other-cert-'));
    try {
      const other = await ensureSelfSignedCertificate(otherDir, { names: ['127.0.0.1'] });
      // A valid token: only the certificate is wrong.
      const token = await branch.deviceToken('kiosk');
      const refusal = await new Promise<string>((resolve) => {
        const socket = io(branch.url, {
          auth: { protocolVersion: PROTOCOL_VERSION, token },
          transports: ['websocket'],
          ca: [other.cert],
          reconnection: false,
          forceNew: true,
        });
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (err) => {
          socket.close();
          resolve(err.message);
        });
      });
      expect(refusal).toBe('websocket error');
      // Plain HTTP to the TLS port gets no page.
      await expect(fetch(`http://127.0.0.1:${branch.port}/api/health`)).rejects.toThrow();
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
