import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoBranchConfig, newRequestId } from '@rinda/shared';
import { startFakeSmsGateway, type FakeSmsGateway } from '../support/fake-sms-gateway';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';

const PHONE = '+37120000123';
const config = { ...demoBranchConfig, phoneAlerts: { peopleLeft: 1, minutesLeft: 0 } };

describe('SMS alerts through the HTTP gateway adapter', () => {
  let branch: Branch;
  let gateway: FakeSmsGateway | null = null;
  let kiosk: BranchSocket;
  let teller: BranchSocket;
  afterEach(async () => {
    await branch.stop();
    await gateway?.close();
    gateway = null;
  });

  async function start(withGateway = true) {
    gateway = withGateway ? await startFakeSmsGateway() : null;
    branch = await startBranch({ config, sms: gateway ? { url: gateway.url, secret: gateway.secret, retryBaseMs: 5 } : null });
    kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    teller = await branch.connect({ token: await branch.userToken('teller') });
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
  }
  async function issue(language: 'lv' | 'en' = 'en'): Promise<string> {
    const r = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language });
    if (!r.ok) throw new Error(r.error.message);
    return r.data.ticket.id;
  }
  const tellerDoes = async (name: 'ticket:callNext' | 'ticket:finish' | 'ticket:noShow') =>
    expect((await branch.request(teller, name, { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(true);
  const give = (id: string, phone = PHONE) => branch.http(`/api/tickets/${id}/contact`, { method: 'PUT', body: { phone } });
  const deliveries = () => branch.ctx.db.prepare('SELECT ticket_id AS ticketId, kind, status, attempts, last_error AS lastError FROM sms_deliveries ORDER BY id').all();
  const cipherOf = (id: string) => (branch.ctx.db.prepare('SELECT phone_cipher AS c FROM ticket_contacts WHERE ticket_id = ?').get(id) as { c: Buffer } | undefined)?.c;
  const settled = async () => expect.poll(() => deliveries().every((d) => (d as { status: string }).status !== 'sending')).toBe(true);

  it('offers no SMS without a gateway, and keeps no number', async () => {
    await start(false);
    const id = await issue();
    expect(await (await branch.http(`/api/tickets/${id}/contact`)).json()).toEqual({ available: false, given: false });
    const refused = await give(id);
    expect(refused.status).toBe(403);
    expect(branch.ctx.db.prepare('SELECT COUNT(*) AS n FROM ticket_contacts').get()).toEqual({ n: 0 });
  });

  it('refuses a malformed number and a forged ticket id, changing nothing', async () => {
    await start();
    const id = await issue();
    expect((await give(id, '20000000')).status).toBe(400);
    expect((await give(id, '+3712000012345678901')).status).toBe(400);
    expect((await give('forged-ticket-id-000000')).status).toBe(404);
    expect((await give('../../etc')).status).toBe(404);
    expect(branch.ctx.db.prepare('SELECT COUNT(*) AS n FROM ticket_contacts').get()).toEqual({ n: 0 });
  });

  it('stores the number encrypted with a 0600 key file, and texts once when the turn is near and when called, signed, in the ticket language', async () => {
    await start();
    await issue();
    await issue();
    const mine = await issue('lv');
    expect(await (await give(mine)).json()).toEqual({ available: true, given: true });
    const stored = cipherOf(mine)!;
    expect(stored.includes(Buffer.from(PHONE))).toBe(false);
    expect(statSync(join(branch.dataDir, 'phone-numbers.key')).mode & 0o777).toBe(0o600);

    await tellerDoes('ticket:callNext');
    await expect.poll(() => gateway!.received.length).toBe(1);
    expect(gateway!.received[0]).toMatchObject({ to: PHONE, text: 'Rinda: numurs A003, jūsu kārta tuvojas (priekšā 1). Lūdzu, nāciet uz filiāli.' });
    await tellerDoes('ticket:finish');
    await tellerDoes('ticket:callNext');
    await tellerDoes('ticket:finish');
    await tellerDoes('ticket:callNext');
    await expect.poll(() => gateway!.received.map((m) => m.text)).toEqual([
      'Rinda: numurs A003, jūsu kārta tuvojas (priekšā 1). Lūdzu, nāciet uz filiāli.',
      'Rinda: numurs A003, jūsu kārta. Lūdzu, dodieties pie 2. loga.',
    ]);
    await settled();
    expect(deliveries()).toEqual([
      { ticketId: mine, kind: 'near', status: 'sent', attempts: 1, lastError: null },
      { ticketId: mine, kind: 'called', status: 'sent', attempts: 1, lastError: null },
    ]);
    expect(gateway!.badSignatures).toBe(0);
  });

  it('retries a failing gateway with back-off, and gives up at once on a refusal; the log says how it went', async () => {
    await start();
    const first = await issue();
    await give(first);
    gateway!.answerNext(2, 503);
    await tellerDoes('ticket:callNext');
    await expect.poll(() => gateway!.received.length).toBe(1);
    await settled();
    const second = await issue();
    await give(second);
    gateway!.answerNext(1, 400);
    // Finishing the first makes the second's turn near (nobody ahead): its SMS is refused, once, for good.
    await tellerDoes('ticket:finish');
    await tellerDoes('ticket:callNext');
    await expect.poll(() => gateway!.received.length).toBe(2);
    await settled();
    expect(deliveries()).toEqual([
      { ticketId: first, kind: 'called', status: 'sent', attempts: 3, lastError: null },
      { ticketId: second, kind: 'near', status: 'failed', attempts: 1, lastError: 'HTTP 400' },
      { ticketId: second, kind: 'called', status: 'sent', attempts: 1, lastError: null },
    ]);
    expect(gateway!.requests).toBe(5);
  });

  it('a gateway with another secret refuses every message as unsigned, and the log says so', async () => {
    gateway = await startFakeSmsGateway();
    branch = await startBranch({ config, sms: { url: gateway.url, secret: 'another-secret-of-at-least-32-characters', retryBaseMs: 5, attempts: 2 } });
    kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const id = await issue();
    await give(id);
    await issue();
    await settled();
    expect(deliveries()).toEqual([{ ticketId: id, kind: 'near', status: 'failed', attempts: 1, lastError: 'HTTP 401' }]);
    expect(gateway.badSignatures).toBe(1);
    expect(gateway.received).toEqual([]);
  });

  it('erases the number when the visit ends: neither the number nor its ciphertext is left in the database file or its WAL', async () => {
    await start();
    const mine = await issue();
    await give(mine);
    const stored = cipherOf(mine)!;
    const files = () => ['rinda.sqlite', 'rinda.sqlite-wal'].map((f) => readFileSync(join(branch.dataDir, f)));
    // While the visit lasts the ciphertext is in the files (the WAL at least), never the number.
    expect(files().some((f) => f.includes(stored))).toBe(true);
    expect(files().some((f) => f.includes(Buffer.from(PHONE)))).toBe(false);

    await tellerDoes('ticket:callNext');
    await tellerDoes('ticket:finish');
    expect(cipherOf(mine)).toBeUndefined();
    for (const file of files()) {
      expect(file.includes(stored)).toBe(false);
      expect(file.includes(Buffer.from(PHONE))).toBe(false);
    }
    expect(await (await branch.http(`/api/tickets/${mine}/contact`)).json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('erases on a no-show, on the customer\'s request, and at a restart for a visit that ended meanwhile', async () => {
    await start();
    const a = await issue();
    const b = await issue();
    await give(a);
    await give(b);
    expect((await branch.http(`/api/tickets/${b}/contact`, { method: 'DELETE' })).status).toBe(200);
    expect(cipherOf(b)).toBeUndefined();
    expect((await branch.http(`/api/tickets/${b}/contact`, { method: 'DELETE' })).status).toBe(404);
    await tellerDoes('ticket:callNext');
    await tellerDoes('ticket:noShow');
    expect(cipherOf(a)).toBeUndefined();

    const c = await issue();
    await give(c);
    // The visit ends while the server is down (a cancel written by hand stands for it): the restart erases the number.
    await branch.app.close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(branch.dataDir, 'rinda.sqlite'));
    db.prepare("UPDATE tickets SET state = 'cancelled' WHERE id = ?").run(c);
    db.close();
    await branch.restart();
    expect(cipherOf(c)).toBeUndefined();
  });
});
